import { describe, expect, it } from 'vitest';
import type { PortFact, UrlFact } from '../../../../src/main/core/checks/check-facts.ts';
import { healthFindings, wsFindings } from '../../../../src/main/core/findings/health.rules.ts';
import { portClosedFindings, portNotPublishedFindings } from '../../../../src/main/core/findings/port.rules.ts';
import { container, failed, probe, service, target } from './builders.ts';

const api = service({
  name: 'api',
  container: container({ name: 'shop-api-1', ports: [{ containerPort: 8080, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 18080 }] }),
  healthUrl: 'http://localhost:18080/health',
});
const closed: PortFact = { service: api, binding: api.container!.ports[0]!, probe: failed('tcp', '127.0.0.1:18080', 'ECONNREFUSED') };
const open: PortFact = { ...closed, probe: probe({ kind: 'tcp', target: '127.0.0.1:18080' }) };

describe('portClosedFindings', () => {
  it('reports a published port of a running container that refuses', () => {
    expect(portClosedFindings([closed, open])).toMatchObject([{ id: 'PORT_CLOSED', severity: 'error', subject: 'shop/api' }]);
    expect(portClosedFindings([closed])[0]?.summary).toContain('refuses connections');
  });

  it('reports a port that accepts and drops the connection (docker-proxy with no listener behind it)', () => {
    const dropped: PortFact = { ...closed, probe: failed('tcp', '127.0.0.1:18080', 'PEER_CLOSED', { connected: true }) };
    const [f] = portClosedFindings([dropped]);
    expect(f?.summary).toContain('accepts connections but drops them unanswered');
    expect(f?.cause).toContain("Docker's proxy accepted the connection");
  });

  it('reports an open TCP port whose health GET was dropped without an answer, with both probes as evidence', () => {
    const reset: UrlFact = { service: api, url: api.healthUrl!, probe: failed('http', api.healthUrl!, 'ECONNRESET') };
    const [f] = portClosedFindings([open], [reset]);
    expect(f).toMatchObject({
      id: 'PORT_CLOSED',
      evidence: [
        { kind: 'tcp', ok: true },
        { kind: 'http', ok: false },
      ],
    });
    expect(healthFindings([reset], [open])).toEqual([]);
    // An HTTP answer, even a 500, proves something listens: that is a health failure, not a closed port.
    const answered: UrlFact = { ...reset, probe: failed('http', api.healthUrl!, 'HTTP_500', { status: 500 }) };
    expect(portClosedFindings([open], [answered])).toEqual([]);
  });
});

describe('portNotPublishedFindings', () => {
  const orch = service({
    name: 'orchestrator-service',
    container: container({ name: 'shop-orch-1', ports: [{ containerPort: 8006, protocol: 'tcp' }] }),
  });
  const web = service({
    name: 'web',
    container: container({ name: 'shop-web-1' }),
    targets: [target('http://orchestrator-service:8006'), target('http://api:8080')],
  });

  it('warns for the orchestrator port and informs for other targets, once each', () => {
    const findings = portNotPublishedFindings({
      services: [orch, api, web, { ...web, name: 'web2' }],
      orchestratorHost: 'orchestrator-service',
    });
    expect(findings.map((f) => [f.id, f.severity, f.subject])).toEqual([['PORT_NOT_PUBLISHED', 'warning', 'shop/orchestrator-service']]);
  });

  it('informs when a targeted port is not published and the target is not the orchestrator', () => {
    const db = service({ name: 'db', container: container({ name: 'shop-db-1', ports: [] }) });
    const app = service({ name: 'app', targets: [target('http://db:5432')] });
    expect(portNotPublishedFindings({ services: [db, app], orchestratorHost: null })).toMatchObject([
      {
        id: 'PORT_NOT_PUBLISHED',
        severity: 'info',
        fix: { action: { kind: 'publish-port', params: { project: 'shop', service: 'db', container: 'shop-db-1', containerPort: 5432 } } },
      },
    ]);
  });
});

describe('healthFindings', () => {
  const check = (p: UrlFact['probe']): UrlFact => ({ service: api, url: api.healthUrl!, probe: p });

  it('reports a non-2xx answer as HTTP_HEALTH_FAILED', () => {
    const [f] = healthFindings([check(failed('http', api.healthUrl!, 'HTTP_500', { status: 500 }))], [open]);
    expect(f).toMatchObject({ id: 'HTTP_HEALTH_FAILED', severity: 'error' });
    expect(f?.summary).toContain('answered 500');
  });

  it('reports a degraded body as a warning and an unhealthy body as an error', () => {
    const degraded = check(probe({ kind: 'http', target: api.healthUrl!, detail: { status: 200, healthStatus: 'degraded' } }));
    const unhealthy = check(failed('http', api.healthUrl!, 'HTTP_503', { status: 503, healthStatus: 'unhealthy' }));
    expect(healthFindings([degraded], [open])).toMatchObject([{ id: 'HEALTH_DEGRADED', severity: 'warning' }]);
    expect(healthFindings([unhealthy], [open])).toMatchObject([{ id: 'HEALTH_DEGRADED', severity: 'error' }]);
  });

  it('does not repeat a closed port as a failed health check', () => {
    expect(healthFindings([check(failed('http', api.healthUrl!, 'ECONNREFUSED'))], [closed])).toEqual([]);
  });

  it('says nothing about a healthy answer', () => {
    expect(
      healthFindings([check(probe({ kind: 'http', target: api.healthUrl!, detail: { status: 200, healthStatus: 'healthy' } }))], [open]),
    ).toEqual([]);
  });
});

describe('wsFindings', () => {
  it('reports a failed handshake', () => {
    const ws: UrlFact = {
      service: api,
      url: 'ws://localhost:18080/ws',
      probe: failed('ws', 'ws://localhost:18080/ws', 'WS_HANDSHAKE_FAILED', { status: 404 }),
    };
    const [f] = wsFindings([ws], [open]);
    expect(f).toMatchObject({ id: 'WS_HANDSHAKE_FAILED', severity: 'error' });
    expect(f?.cause).toContain('404');
  });
});
