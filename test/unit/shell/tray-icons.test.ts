import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { appIconPath, trayIconFile, trayIconPath } from '../../../src/main/shell/tray-icons.ts';

const resources = join(import.meta.dirname, '../../../resources');
const states = ['healthy', 'degraded', 'unhealthy', 'checking'] as const;

/** Width, height and the RGBA pixels of an 8-bit RGBA PNG written by scripts/make-icons.js (filter 0 rows). */
function readPng(path: string): { width: number; height: number; pixels: Buffer } {
  const png = readFileSync(path);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    if (png.toString('ascii', offset + 4, offset + 8) === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  return { width, height, pixels };
}

describe('tray icons', () => {
  it('maps states to colored PNGs on Linux/Windows and template images on macOS', () => {
    expect(trayIconFile('degraded', 'linux')).toEqual({ file: 'tray-degraded.png', template: false });
    expect(trayIconFile('degraded', 'win32')).toEqual({ file: 'tray-degraded.png', template: false });
    expect(trayIconFile('unhealthy', 'darwin')).toEqual({ file: 'trayTemplate-unhealthy.png', template: true });
    expect(trayIconPath('/r', 'healthy', 'linux')).toBe(join('/r', 'tray-healthy.png'));
    expect(appIconPath('/r')).toBe(join('/r', 'icon.png'));
  });

  it.each(states)('ships %s at 16×16 and @2x 32×32, colored and template', (state) => {
    for (const platform of ['linux', 'darwin'] as const) {
      const path = trayIconPath(resources, state, platform);
      expect(readPng(path)).toMatchObject({ width: 16, height: 16 });
      expect(readPng(path.replace(/\.png$/, '@2x.png'))).toMatchObject({ width: 32, height: 32 });
    }
  });

  it.each(states)('makes the %s template image black + alpha only', (state) => {
    const { pixels } = readPng(join(resources, `trayTemplate-${state}@2x.png`));
    let opaque = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      expect(pixels[i]! + pixels[i + 1]! + pixels[i + 2]!).toBe(0);
      if (pixels[i + 3] === 255) opaque++;
    }
    expect(opaque).toBeGreaterThan(100);
  });

  it('ships a 512×512 app icon', () => {
    expect(existsSync(appIconPath(resources))).toBe(true);
    expect(readPng(appIconPath(resources))).toMatchObject({ width: 512, height: 512 });
  });
});
