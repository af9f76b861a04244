import { describe, expect, it } from 'vitest';
import { collectFindings } from '../../../../src/main/core/findings/collect-findings.ts';
import { container, emptyFacts, failed, findingInput, hostRuntime, okEngine, service, stackOf } from './builders.ts';

describe('collectFindings', () => {
  it('sorts worst first and reports an exited container once, not also its ports and health', () => {
    const api = service({
      name: 'api',
      container: container({
        name: 'shop-api-1',
        state: 'exited',
        exitCode: 2,
        ports: [{ containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080 }],
      }),
      healthUrl: 'http://localhost:8080/health',
    });
    const notCreated = service({ name: 'worker' });
    const facts = emptyFacts({
      health: [{ service: api, url: api.healthUrl!, probe: failed('http', api.healthUrl!, 'ECONNREFUSED') }],
    });
    const findings = collectFindings(
      findingInput({
        stack: stackOf([api, notCreated]),
        engine: okEngine(),
        runtime: hostRuntime,
        facts,
        otherProjects: [],
      }),
    );
    expect(findings.map((f) => f.id)).toEqual(['CONTAINER_EXITED', 'SERVICE_NOT_CREATED']);
  });

  it('drops container findings when the engine is unreachable but keeps the orchestrator decision', () => {
    const findings = collectFindings(
      findingInput({
        stack: stackOf([service({ name: 'api' })]),
        engine: { ok: false, endpoint: 'unix:///nope.sock', probe: failed('engine', 'unix:///nope.sock', 'ENGINE_UNREACHABLE') },
        runtime: hostRuntime,
        facts: emptyFacts({
          orchestrator: {
            configuredUrl: 'http://orchestrator-service:8006',
            configuredFrom: 'default',
            resolvedUrl: null,
            decision: 'unresolvable',
            reason: 'r',
            hostIsAlias: true,
            attempts: [],
          },
        }),
        otherProjects: [],
      }),
    );
    expect(findings.map((f) => f.id)).toEqual(['DOCKER_UNREACHABLE', 'RUNTIME_TARGET_UNRESOLVABLE']);
  });
});
