import { describe, expect, it } from 'vitest';
import { buildTruthMatrix } from '../../../../src/main/core/diagnosis/truth-matrix.ts';
import { container, emptyFacts, failed, probe, service, stackOf, target } from '../findings/builders.ts';

describe('buildTruthMatrix', () => {
  const consumerContainer = container({ name: 'shop-web-1' });
  const web = service({
    name: 'web',
    container: consumerContainer,
    targets: [target('http://orchestrator-service:8006'), target('http://localhost:9000')],
  });
  const worker = service({
    name: 'worker',
    container: container({ name: 'shop-worker-1', state: 'exited', exitCode: 1 }),
    targets: [target('http://api:8080')],
  });
  const missing = service({ name: 'cron' });
  const stack = stackOf([web, worker, missing], ['orchestrator-service', 'api']);

  it('counts containers up against services and gives one row per (consumer, target)', () => {
    const facts = emptyFacts({
      hostDns: new Map([
        ['orchestrator-service', failed('dns-host', 'orchestrator-service', 'ENOTFOUND')],
        ['localhost', probe({ kind: 'dns-host', target: 'localhost', detail: { addresses: ['127.0.0.1'] } })],
      ]),
      hostTcp: new Map([['localhost:9000', probe({ kind: 'tcp', target: 'localhost:9000', latencyMs: 2.4 })]]),
      containerDns: [
        {
          service: web,
          container: consumerContainer,
          target: web.targets[0]!,
          probe: failed('dns-container', 'orchestrator-service', 'ENOTFOUND'),
          reachability: { resolves: false, answers: null, basis: 'topology+lookup', note: 'no shared network' },
          topology: { resolves: false, reachableOn: ['backend'], note: 'no shared network' },
        },
      ],
    });
    const [project] = buildTruthMatrix(stack, facts, true);
    expect(project).toMatchObject({ name: 'shop', files: ['/ws/compose.yaml'], containersUp: 1, containersTotal: 3 });
    expect(project?.targets).toHaveLength(3);
    const [orch, local, api] = project!.targets;
    expect(orch).toMatchObject({
      consumer: 'web',
      host: 'orchestrator-service',
      fromContainer: { resolves: false, answers: false, basis: 'topology+lookup' },
      fromHost: { resolves: false, answers: false, basis: 'probe' },
    });
    expect(orch?.fromHost.note).toContain('docker alias');
    expect(local).toMatchObject({
      fromContainer: { basis: 'not-checked', note: 'not probed' },
      fromHost: { resolves: true, answers: true },
    });
    expect(local?.fromHost.note).toBe('resolves to 127.0.0.1; connect ok (2 ms)');
    expect(api).toMatchObject({
      consumer: 'worker',
      fromContainer: { basis: 'not-checked', note: 'container exited' },
      fromHost: { basis: 'not-checked' },
    });
  });

  it('marks in-container rows not checked when the engine is unreachable', () => {
    const [project] = buildTruthMatrix(stackOf([service({ name: 'web', targets: [target('http://api:1')] })]), emptyFacts(), false);
    expect(project?.targets[0]?.fromContainer).toEqual({ resolves: null, answers: null, basis: 'not-checked', note: 'engine unreachable' });
  });
});
