import { describe, expect, it } from 'vitest';
import { smokeVerifierOf } from '../../../src/main/app/create-repair-service.ts';
import { createSmokeService } from '../../../src/main/app/create-smoke-service.ts';
import { silentLogger } from '../../../src/main/core/ports/logger.port.ts';
import { settingsSchema, type Diagnosis } from '../../../src/shared/model/index.ts';
import { diagnosisFixture } from '../cli/diagnosis.fixture.ts';
import { MemoryWorkspace } from '../core/discovery/support/memory-workspace.ts';
import { FakeClock } from '../support/fake-clock.ts';

const YAML = [
  'smoke:',
  '  suites:',
  '    infra:',
  '      checks:',
  '        - { kind: tcp, name: db port, host: 127.0.0.1, port: 5432 }',
  '',
].join('\n');

function verifier(files: Record<string, string>) {
  const diagnosed: string[] = [];
  const smoke = createSmokeService({
    ports: {
      http: { request: () => Promise.reject(new Error('no http here')) },
      net: {
        lookup: () => Promise.reject(new Error('no dns here')),
        tcpConnect: async () => ({ ok: true, latencyMs: 1 }),
      } as never,
    },
    workspaceFiles: new MemoryWorkspace(files, ['/ws']),
    diagnosis: {
      diagnose: async (options) => {
        diagnosed.push(options?.workspace ?? '');
        return diagnosisFixture({ workspace: '/ws' }) as Diagnosis;
      },
    },
    settings: { get: () => settingsSchema.parse({}) },
    env: {},
    workspace: () => '/ws',
    clock: new FakeClock(),
    logger: silentLogger,
    newId: () => 'run-1',
  });
  return { verify: smokeVerifierOf(smoke), smoke, diagnosed };
}

describe("the smoke suites as a repair's verification", () => {
  it('runs the declared suites only (no second diagnosis), says so before it starts, and returns their scoreboard', async () => {
    const { verify, smoke, diagnosed } = verifier({ '/ws/stack-doctor.yaml': YAML });
    let started = 0;
    const board = await verify.verify('/ws', { onStart: () => started++ });
    expect(board?.suites.map((s) => s.name)).toEqual(['infra']);
    expect(board).toMatchObject({ passed: 1, total: 1 });
    expect(started).toBe(1);
    expect(diagnosed).toEqual([]);
    // The run is in the smoke history like any other (the dashboard's Smoke view shows it).
    expect(smoke.history()).toHaveLength(1);
  });

  it('a workspace without `smoke:` (or with an invalid config) gives null and no progress event', async () => {
    let started = 0;
    expect(await verifier({}).verify.verify('/ws', { onStart: () => started++ })).toBeNull();
    expect(
      await verifier({ '/ws/stack-doctor.yaml': 'smoke:\n  suites: 3\n' }).verify.verify('/ws', { onStart: () => started++ }),
    ).toBeNull();
    expect(started).toBe(0);
  });

  it('an aborted signal cancels the run: the scoreboard says cancelled', async () => {
    const { verify } = verifier({ '/ws/stack-doctor.yaml': YAML });
    const board = await verify.verify('/ws', { signal: AbortSignal.abort() });
    expect(board?.cancelled).toBe(true);
  });
});
