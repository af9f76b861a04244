import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportWriterAdapter } from '../../../src/main/adapters/repair/report-writer.adapter.ts';
import { repairReportSchema, type RepairReport } from '../../../src/shared/model/index.ts';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sd-reports-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const report = (id: string, status: RepairReport['status']): RepairReport => ({
  id,
  status,
  startedAt: '2026-01-01T10:00:00.000Z',
  plan: {
    id: 'plan-1',
    createdAt: '2026-01-01T09:59:59.000Z',
    workspace: '/ws',
    diagnosisId: 'diag-1',
    verdict: 'unhealthy',
    fingerprint: '0123456789abcdef',
    steps: [],
    needsYou: [],
    composeCli: null,
  },
  outcomes: [],
  scoreboard: null,
  correlationIds: { repair: id, plan: 'diag-1', before: 'diag-2', after: null },
  log: [],
});

describe('ReportWriterAdapter on the real file system', () => {
  it('writes the JSON and the Markdown under <data>/repairs, owner-only, with no temp file left behind', async () => {
    const writer = new ReportWriterAdapter({ dataDir });
    const files = await writer.write(report('run-1', 'completed'), '# report\n');

    expect(files.json).toBe(join(dataDir, 'repairs', '2026-01-01T10-00-00.000Z-run-1.json'));
    expect(files.markdown).toBe(join(dataDir, 'repairs', '2026-01-01T10-00-00.000Z-run-1.md'));
    expect(repairReportSchema.parse(JSON.parse(await readFile(files.json, 'utf8'))).id).toBe('run-1');
    expect(await readFile(files.markdown, 'utf8')).toBe('# report\n');
    expect((await stat(files.json)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dataDir, 'repairs'))).mode & 0o777).toBe(0o700);
    expect((await readdir(join(dataDir, 'repairs'))).sort()).toEqual([
      '2026-01-01T10-00-00.000Z-run-1.json',
      '2026-01-01T10-00-00.000Z-run-1.md',
    ]);
  });

  it('replaces a report of the same id whole: concurrent writes leave one complete file, never a mix', async () => {
    const writer = new ReportWriterAdapter({ dataDir });
    const big = (status: RepairReport['status']) => ({
      ...report('run-2', status),
      log: Array.from({ length: 5000 }, (_, i) => `${status} line ${i}`),
    });
    const [a] = await Promise.all([writer.write(big('completed'), 'a'), writer.write(big('cancelled'), 'b')]);
    const parsed = repairReportSchema.parse(JSON.parse(await readFile(a.json, 'utf8')));
    expect(parsed.log.every((line) => line.startsWith(parsed.status))).toBe(true);
    expect((await readdir(join(dataDir, 'repairs'))).filter((f) => !/\.(json|md)$/.test(f))).toEqual([]);
  });

  it('keeps an id that is not a safe file name from escaping the folder', async () => {
    const files = await new ReportWriterAdapter({ dataDir }).write(report('../../etc/x', 'refused'), 'x');
    expect(files.json).toBe(join(dataDir, 'repairs', '2026-01-01T10-00-00.000Z-______etc_x.json'));
  });
});
