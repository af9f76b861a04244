import { mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDiagnosticsBundle, type DiagnosticsBundleOptions } from '../../../src/main/adapters/bundle/write-diagnostics-bundle.ts';
import { FakeClock } from '../../unit/support/fake-clock.ts';
import { openBundle } from './open-bundle.ts';

/** The bundle's bounds on the real file system: missing folders, size and count limits, the atomic write. */
let root: string;
const KiB = 1024;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sd-bundle-bounds-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

function options(overrides: Partial<DiagnosticsBundleOptions>): DiagnosticsBundleOptions {
  return {
    out: join(root, 'bundle.tar.gz'),
    latestDiagnosis: null,
    reportsDir: join(root, 'no-reports'),
    logDir: join(root, 'no-logs'),
    settings: { refreshIntervalSec: 30 },
    appInfo: { name: 'stack-doctor', version: '0.1.0-test' },
    clock: new FakeClock(),
    ...overrides,
  };
}

/** A pino-like JSON log of `count` numbered lines, each about `width` bytes. */
function logLines(prefix: string, count: number, width = 100): string {
  const pad = 'x'.repeat(Math.max(0, width - 60));
  return Array.from({ length: count }, (_, i) => `${JSON.stringify({ level: 30, msg: `${prefix} line ${i}`, pad })}\n`).join('');
}

describe('diagnostics bundle bounds', () => {
  it('records missing folders and a missing diagnosis in the manifest and still writes the bundle', async () => {
    const result = await writeDiagnosticsBundle(options({ out: join(root, 'missing.tar.gz') }));
    const { manifest, files } = await openBundle(result.path);
    expect([...files.keys()].sort()).toEqual(['manifest.json', 'settings.json']);
    expect(manifest.missing).toEqual([
      { part: 'diagnosis', path: '-', reason: 'no diagnosis has run yet' },
      { part: 'report', path: join(root, 'no-reports'), reason: 'does not exist (ENOENT)' },
      { part: 'log', path: join(root, 'no-logs'), reason: 'does not exist (ENOENT)' },
    ]);
  });

  it('keeps the newest logs within the byte budget, cutting the oldest kept one at a line boundary', async () => {
    const logDir = join(root, 'logs');
    await mkdir(logDir);
    const current = logLines('current', 300); // ~30 KiB
    const older = logLines('older', 400); // ~40 KiB
    await writeFile(join(logDir, 'stack-doctor.log'), current);
    await writeFile(join(logDir, 'stack-doctor.log.1'), older);
    await writeFile(join(logDir, 'stack-doctor.log.2'), logLines('oldest', 10));
    await writeFile(join(logDir, 'notes.txt'), 'not a log');
    await utimes(join(logDir, 'stack-doctor.log.2'), 1000, 1000);
    await utimes(join(logDir, 'stack-doctor.log.1'), 2000, 2000);
    await utimes(join(logDir, 'stack-doctor.log'), 3000, 3000);

    const result = await writeDiagnosticsBundle(
      options({ out: join(root, 'logs.tar.gz'), logDir, limits: { maxLogBytes: 50 * KiB, maxLogFiles: 2 } }),
    );
    const { manifest, files } = await openBundle(result.path);
    expect(files.get('logs/stack-doctor.log')?.toString()).toBe(current);
    const cut = files.get('logs/stack-doctor.log.1')?.toString() ?? '';
    expect(cut.length).toBeLessThanOrEqual(50 * KiB - current.length);
    expect(cut.length).toBeGreaterThan(10 * KiB);
    expect(older.endsWith(cut)).toBe(true);
    for (const line of cut.trimEnd().split('\n')) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(files.has('logs/stack-doctor.log.2')).toBe(false);
    expect(files.has('logs/notes.txt')).toBe(false);
    const entry = manifest.entries.find((e) => e.path === 'logs/stack-doctor.log.1');
    expect(entry).toMatchObject({ truncated: true, sourceBytes: older.length, bytes: cut.length });
    expect(manifest.skipped).toEqual([{ part: 'log', path: 'stack-doctor.log.2', reason: 'over the limit of 2 files' }]);
    expect(manifest.limits).toMatchObject({ maxLogBytes: 50 * KiB, maxLogFiles: 2 });
  });

  it('takes reports whole or not at all, and bounds the diagnosis', async () => {
    const reportsDir = join(root, 'reports');
    await mkdir(join(reportsDir, 'a', 'b', 'c', 'd', 'e'), { recursive: true });
    await writeFile(join(reportsDir, 'big.json'), JSON.stringify({ pad: 'x'.repeat(20 * KiB) }));
    await writeFile(join(reportsDir, 'small.md'), '# small\n');
    await writeFile(join(reportsDir, 'a', 'b', 'c', 'd', 'deep.md'), '# four folders down\n');
    await writeFile(join(reportsDir, 'a', 'b', 'c', 'd', 'e', 'deeper.md'), '# five folders down\n');
    const result = await writeDiagnosticsBundle(
      options({
        out: join(root, 'reports.tar.gz'),
        reportsDir,
        latestDiagnosis: { pad: 'y'.repeat(20 * KiB) },
        limits: { maxReportBytes: 10 * KiB, maxJsonBytes: 10 * KiB },
      }),
    );
    const { manifest, files } = await openBundle(result.path);
    expect([...files.keys()].sort()).toEqual(['manifest.json', 'reports/a/b/c/d/deep.md', 'reports/small.md', 'settings.json']);
    expect(manifest.skipped).toEqual(
      expect.arrayContaining([
        { part: 'report', path: 'a/b/c/d/e', reason: 'more than 4 folders deep' },
        { part: 'report', path: 'big.json', reason: expect.stringMatching(/^over the byte budget of 10240 bytes/) as unknown },
      ]),
    );
    expect(manifest.missing).toEqual(
      expect.arrayContaining([{ part: 'diagnosis', path: '-', reason: expect.stringMatching(/over the limit of 10240$/) as unknown }]),
    );
  });

  it('follows the folder it was given when that is a symlink, but nothing inside it', async () => {
    const real = join(root, 'real-logs');
    await mkdir(real);
    await writeFile(join(real, 'stack-doctor.log'), logLines('linked', 3));
    await symlink(real, join(root, 'logs-link'));
    const result = await writeDiagnosticsBundle(options({ out: join(root, 'link.tar.gz'), logDir: join(root, 'logs-link') }));
    expect((await openBundle(result.path)).files.has('logs/stack-doctor.log')).toBe(true);
  });

  it('replaces an existing file in one step and leaves no temporary file behind', async () => {
    const dir = join(root, 'atomic');
    await mkdir(dir);
    const out = join(dir, 'bundle.tar.gz');
    await writeFile(out, 'an older bundle');
    const result = await writeDiagnosticsBundle(options({ out }));
    expect(result.path).toBe(out);
    expect((await readFile(out)).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(await readdir(dir)).toEqual(['bundle.tar.gz']);
  });

  it('rejects when the destination folder does not exist, and creates nothing', async () => {
    const out = join(root, 'nowhere', 'bundle.tar.gz');
    await expect(writeDiagnosticsBundle(options({ out }))).rejects.toThrow(/ENOENT/);
    await expect(readdir(join(root, 'nowhere'))).rejects.toThrow(/ENOENT/);
  });
});
