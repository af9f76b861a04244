import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../../src/main/core/ports/logger.port.ts';
import { createFileSettings } from '../../../../src/main/adapters/settings/file-settings.adapter.ts';
import { defaultSettings, SettingsPatchError } from '../../../../src/main/adapters/settings/settings-store.ts';

interface Recorded {
  level: string;
  obj: Record<string, unknown>;
  msg?: string;
}

function recordingLogger(): Logger & { records: Recorded[] } {
  const records: Recorded[] = [];
  const logger: Logger & { records: Recorded[] } = {
    records,
    child: () => logger,
    debug: (obj, msg) => records.push({ level: 'debug', obj, msg }),
    info: (obj, msg) => records.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => records.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => records.push({ level: 'error', obj, msg }),
  };
  return logger;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sd-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('file settings adapter', () => {
  it('reads defaults from an empty directory and honours STACK_DOCTOR_CONFIG_DIR', () => {
    const settings = createFileSettings({ logger: recordingLogger(), env: { STACK_DOCTOR_CONFIG_DIR: dir } });
    expect(settings.get()).toEqual(defaultSettings());
    expect(settings.path).toBe(join(dir, 'config.json'));
  });

  it('falls back to the default for an invalid stored value, keeps the valid ones and warns', () => {
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ refreshIntervalSec: 1, probeTimeoutMs: 2500, orchestratorUrl: 'not a url', extra: true }),
    );
    const logger = recordingLogger();
    const value = createFileSettings({ logger, cwd: dir }).get();
    expect(value).toEqual({ ...defaultSettings(), probeTimeoutMs: 2500 });
    const warned = logger.records.filter((r) => r.level === 'warn').map((r) => r.obj.key);
    expect(warned).toEqual(['refreshIntervalSec', 'orchestratorUrl']);
  });

  it('moves a corrupt file aside, starts from defaults and can write again', () => {
    writeFileSync(join(dir, 'config.json'), '{ "refreshIntervalSec": 60, ');
    const logger = recordingLogger();
    const settings = createFileSettings({ logger, cwd: dir });
    expect(settings.get()).toEqual(defaultSettings());
    expect(logger.records.some((r) => r.level === 'warn' && String(r.obj.movedTo).includes('.corrupt-'))).toBe(true);
    expect(readdirSync(dir).some((name) => name.startsWith('config.json.corrupt-'))).toBe(true);
    expect(settings.update({ refreshIntervalSec: 60 }).refreshIntervalSec).toBe(60);
  });

  it('survives a file corrupted while running', () => {
    const logger = recordingLogger();
    const settings = createFileSettings({ logger, cwd: dir });
    settings.update({ probeTimeoutMs: 900 });
    writeFileSync(join(dir, 'config.json'), 'garbage');
    expect(settings.get()).toEqual(defaultSettings());
    expect(logger.records.some((r) => r.level === 'warn')).toBe(true);
  });

  it('persists updates, notifies listeners and stops after unsubscribe', () => {
    const settings = createFileSettings({ logger: recordingLogger(), cwd: dir });
    const seen: number[] = [];
    const subscription = settings.onChange((s) => seen.push(s.refreshIntervalSec));
    const next = settings.update({ refreshIntervalSec: 120, workspaces: ['/tmp/ws'] });
    expect(next).toMatchObject({ refreshIntervalSec: 120, workspaces: ['/tmp/ws'], probeTimeoutMs: 1500 });
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toMatchObject({ refreshIntervalSec: 120 });
    expect(createFileSettings({ logger: recordingLogger(), cwd: dir }).get().workspaces).toEqual(['/tmp/ws']);
    subscription.dispose();
    settings.update({ refreshIntervalSec: 60 });
    expect(seen).toEqual([120]);
  });

  it('reads and writes the same file as the conf store earlier versions used, in both directions', () => {
    const conf = new Conf<Record<string, unknown>>({ projectName: 'stack-doctor', cwd: dir });
    conf.store = { refreshIntervalSec: 45, workspaces: ['/tmp/a'] };
    const settings = createFileSettings({ logger: recordingLogger(), cwd: dir });
    expect(settings.get()).toMatchObject({ refreshIntervalSec: 45, workspaces: ['/tmp/a'] });
    const written = settings.update({ probeTimeoutMs: 900 });
    expect(new Conf<Record<string, unknown>>({ projectName: 'stack-doctor', cwd: dir }).store).toEqual(written);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(JSON.stringify(written, undefined, '\t'));
  });

  it('creates the folder on the first write, and only then', () => {
    const nested = join(dir, 'a', 'b');
    const settings = createFileSettings({ logger: recordingLogger(), cwd: nested });
    expect(settings.get()).toEqual(defaultSettings());
    expect(readdirSync(dir)).toEqual([]);
    settings.update({ refreshIntervalSec: 60 });
    expect(JSON.parse(readFileSync(join(nested, 'config.json'), 'utf8'))).toMatchObject({ refreshIntervalSec: 60 });
  });

  it('treats a JSON value that is not an object as corrupt', () => {
    writeFileSync(join(dir, 'config.json'), '[1, 2]');
    const logger = recordingLogger();
    expect(createFileSettings({ logger, cwd: dir }).get()).toEqual(defaultSettings());
    expect(readdirSync(dir).some((name) => name.startsWith('config.json.corrupt-'))).toBe(true);
  });

  it('rejects an invalid patch without writing', () => {
    const settings = createFileSettings({ logger: recordingLogger(), cwd: dir });
    expect(() => settings.update({ refreshIntervalSec: 2 })).toThrow(SettingsPatchError);
    expect(settings.get().refreshIntervalSec).toBe(30);
  });
});
