import { describe, expect, it } from 'vitest';
import { createSmokeService } from '../../../src/main/app/create-smoke-service.ts';
import { silentLogger } from '../../../src/main/core/ports/logger.port.ts';
import { settingsSchema, type Diagnosis, type SmokeProgress } from '../../../src/shared/model/index.ts';
import { diagnosisFixture, dnsFinding } from '../cli/diagnosis.fixture.ts';
import { MemoryWorkspace } from '../core/discovery/support/memory-workspace.ts';
import { FakeClock } from '../support/fake-clock.ts';

const YAML = [
  'smoke:',
  '  suites:',
  '    infra:',
  '      checks:',
  '        - { kind: tcp, name: db port, host: 127.0.0.1, port: 5432 }',
  '        - { kind: tcp, name: cache port, host: 127.0.0.1, port: 6379 }',
  '',
].join('\n');

function service(files: Record<string, string>, historySize?: number) {
  const diagnosed: string[] = [];
  let ids = 0;
  const smoke = createSmokeService({
    ports: {
      http: { request: () => Promise.reject(new Error('no http here')) },
      // 5432 answers, 6379 does not.
      net: {
        lookup: () => Promise.reject(new Error('no dns here')),
        tcpConnect: async (_host: string, port: number) =>
          port === 5432 ? { ok: true, latencyMs: 1 } : { ok: false, latencyMs: 1, error: { code: 'ECONNREFUSED', message: 'refused' } },
      } as never,
    },
    workspaceFiles: new MemoryWorkspace(files, ['/ws']),
    diagnosis: {
      diagnose: async (options) => {
        diagnosed.push(options?.workspace ?? '');
        return diagnosisFixture({ workspace: '/ws', findings: [dnsFinding] }) as Diagnosis;
      },
    },
    settings: { get: () => settingsSchema.parse({}) },
    env: {},
    workspace: () => '/ws',
    clock: new FakeClock(),
    logger: silentLogger,
    newId: () => `run-${++ids}`,
    ...(historySize ? { historySize } : {}),
  });
  return { smoke, diagnosed };
}

describe('the smoke service', () => {
  it('runs a declared suite without diagnosing, with one progress event per check', async () => {
    const { smoke, diagnosed } = service({ '/ws/stack-doctor.yaml': YAML });
    const progress: SmokeProgress[] = [];
    smoke.onProgress((event) => progress.push(event));
    const run = await smoke.run({ suite: 'infra' });
    if (!run.ok) throw new Error(run.error.message);
    expect(run.record.exitCode).toBe(1);
    expect(run.record.scoreboard.results.map((r) => [r.check, r.result])).toEqual([
      ['db port', 'pass'],
      ['cache port', 'fail'],
    ]);
    expect(diagnosed).toEqual([]);
    expect(progress.map((p) => [p.runId, p.done, p.total])).toEqual([
      ['run-1', 1, 2],
      ['run-1', 2, 2],
    ]);
  });

  it('adds the diagnosis suite when no suite is named, and lists the suites', async () => {
    const { smoke, diagnosed } = service({ '/ws/stack-doctor.yaml': YAML });
    const run = await smoke.run();
    if (!run.ok) throw new Error(run.error.message);
    expect(run.record.scoreboard.suites.map((s) => s.name)).toEqual(['infra', 'diagnosis']);
    expect(diagnosed).toEqual(['/ws']);
    expect((await smoke.suites()).suites).toEqual([
      { name: 'infra', checks: 2, builtIn: false },
      { name: 'diagnosis', checks: null, builtIn: true },
    ]);
  });

  it('answers an unknown suite and an invalid config as errors, not runs', async () => {
    const { smoke } = service({ '/ws/stack-doctor.yaml': YAML });
    expect(await smoke.run({ suite: 'nope' })).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_SUITE', message: 'no smoke suite named "nope" (suites: infra, diagnosis)' },
    });
    const bad = service({ '/ws/stack-doctor.yaml': 'smoke:\n  suites:\n    infra:\n      checks: []\n' }).smoke;
    const run = await bad.run();
    expect(run.ok).toBe(false);
    if (!run.ok)
      expect(run.error).toMatchObject({
        code: 'CONFIG_INVALID',
        message: expect.stringMatching(/stack-doctor\.yaml:4:\d+ smoke\.suites\.infra\.checks/),
      });
    expect((await bad.suites()).configError).toMatch(/^invalid stack config: /);
  });

  it('keeps the last runs, newest first, bounded', async () => {
    const { smoke } = service({ '/ws/stack-doctor.yaml': YAML }, 2);
    for (let i = 0; i < 3; i++) await smoke.run({ suite: 'infra' });
    expect(smoke.history().map((r) => r.runId)).toEqual(['run-3', 'run-2']);
  });
});
