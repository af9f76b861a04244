#!/usr/bin/env node
// Generates the tray and app icons in resources/ with node only (zlib + a minimal PNG encoder), so the
// images are reproducible from source and need no design tool. Run: `node scripts/make-icons.js`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA 8-bit, non-interlaced, filter 0 on every row: the smallest valid encoder. */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function onPolyline(px, py, points, width) {
  for (let i = 0; i + 1 < points.length; i++) {
    if (distanceToSegment(px, py, points[i], points[i + 1]) <= width / 2) return true;
  }
  return false;
}

// Glyphs in unit coordinates (0..1). Shapes differ per state so the monochrome macOS images stay legible.
const glyphs = {
  healthy: (x, y, w) =>
    onPolyline(
      x,
      y,
      [
        [0.16, 0.54],
        [0.36, 0.54],
        [0.44, 0.3],
        [0.55, 0.76],
        [0.63, 0.48],
        [0.84, 0.48],
      ],
      w,
    ),
  degraded: (x, y, w) =>
    onPolyline(
      x,
      y,
      [
        [0.5, 0.24],
        [0.5, 0.56],
      ],
      w * 1.15,
    ) || Math.hypot(x - 0.5, y - 0.74) <= w * 0.7,
  unhealthy: (x, y, w) =>
    onPolyline(
      x,
      y,
      [
        [0.33, 0.33],
        [0.67, 0.67],
      ],
      w,
    ) ||
    onPolyline(
      x,
      y,
      [
        [0.67, 0.33],
        [0.33, 0.67],
      ],
      w,
    ),
  checking: (x, y, w) => Math.hypot(x - 0.5, y - 0.5) <= 0.3 && Math.hypot(x - 0.5, y - 0.5) >= 0.3 - w * 0.9,
};

const colors = {
  healthy: [46, 160, 67],
  degraded: [210, 153, 34],
  unhealthy: [218, 54, 51],
  checking: [139, 148, 158],
};

/**
 * Supersampled (4×4) coverage of a disc with the state's glyph cut out (template) or drawn in white.
 * `strokeUnits` is the glyph stroke in unit coordinates: thicker at 16 px so it survives the tray's size.
 */
function drawTray(size, state, template) {
  const rgba = Buffer.alloc(size * size * 4);
  const strokeUnits = size <= 16 ? 0.15 : 0.12;
  const s = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let disc = 0;
      let glyph = 0;
      for (let sy = 0; sy < s; sy++) {
        for (let sx = 0; sx < s; sx++) {
          const x = (px + (sx + 0.5) / s) / size;
          const y = (py + (sy + 0.5) / s) / size;
          if (Math.hypot(x - 0.5, y - 0.5) > 0.47) continue;
          if (glyphs[state](x, y, strokeUnits)) glyph++;
          else disc++;
        }
      }
      const i = (py * size + px) * 4;
      const total = s * s;
      if (template) {
        rgba[i + 3] = Math.round((disc / total) * 255);
      } else {
        const [r, g, b] = colors[state];
        const a = (disc + glyph) / total;
        const mix = disc + glyph === 0 ? 0 : glyph / (disc + glyph);
        rgba[i] = Math.round(r + (255 - r) * mix);
        rgba[i + 1] = Math.round(g + (255 - g) * mix);
        rgba[i + 2] = Math.round(b + (255 - b) * mix);
        rgba[i + 3] = Math.round(a * 255);
      }
    }
  }
  return encodePng(size, rgba);
}

/** The app icon: a dark rounded square holding the healthy disc and pulse. */
function drawAppIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const radius = 0.2;
  const s = 3;
  const [gr, gg, gb] = colors.healthy;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let acc = [0, 0, 0, 0];
      for (let sy = 0; sy < s; sy++) {
        for (let sx = 0; sx < s; sx++) {
          const x = (px + (sx + 0.5) / s) / size;
          const y = (py + (sy + 0.5) / s) / size;
          const qx = Math.max(Math.abs(x - 0.5) - (0.46 - radius), 0);
          const qy = Math.max(Math.abs(y - 0.5) - (0.46 - radius), 0);
          if (Math.hypot(qx, qy) > radius) continue;
          let c = [22, 27, 34];
          const d = Math.hypot(x - 0.5, y - 0.5);
          if (d <= 0.34) {
            const gx = 0.5 + (x - 0.5) / 0.68;
            const gy = 0.5 + (y - 0.5) / 0.68;
            c = glyphs.healthy(gx, gy, 0.1) ? [255, 255, 255] : [gr, gg, gb];
          }
          acc = [acc[0] + c[0], acc[1] + c[1], acc[2] + c[2], acc[3] + 1];
        }
      }
      const i = (py * size + px) * 4;
      if (acc[3] > 0) {
        rgba[i] = Math.round(acc[0] / acc[3]);
        rgba[i + 1] = Math.round(acc[1] / acc[3]);
        rgba[i + 2] = Math.round(acc[2] / acc[3]);
      }
      rgba[i + 3] = Math.round((acc[3] / (s * s)) * 255);
    }
  }
  return encodePng(size, rgba);
}

mkdirSync(outDir, { recursive: true });
const written = [];
for (const state of Object.keys(glyphs)) {
  for (const [suffix, size] of [
    ['', 16],
    ['@2x', 32],
  ]) {
    const color = `tray-${state}${suffix}.png`;
    const template = `trayTemplate-${state}${suffix}.png`;
    writeFileSync(join(outDir, color), drawTray(size, state, false));
    writeFileSync(join(outDir, template), drawTray(size, state, true));
    written.push(color, template);
  }
}
writeFileSync(join(outDir, 'icon.png'), drawAppIcon(512));
written.push('icon.png');
console.log(`wrote ${written.length} icons to ${outDir}`);
