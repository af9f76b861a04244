import { describe, expect, it } from 'vitest';
import { componentRows, componentsSummary, componentTone } from '../../../src/renderer/src/features/recovery/service-checks.ts';
import { supervisionInvokes } from '../../../src/shared/contract/supervision.channels.ts';
import type { ServiceChecks } from '../../../src/shared/model/index.ts';
import { supervisionStatus } from '../ipc/support/fake-supervisor.ts';

const checks = (components: ServiceChecks['components']): ServiceChecks => ({ at: '2026-01-01T00:00:00.000Z', components });

describe('Recovery view: the components of a health body', () => {
  it('reads the words health bodies use', () => {
    expect(['healthy', 'OK', 'up', 'pass'].map(componentTone)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(['degraded', 'Overloaded', 'warn'].map(componentTone)).toEqual(['warn', 'warn', 'warn']);
    expect(['starting', 'unknown'].map(componentTone)).toEqual(['busy', 'busy']);
    expect(['unhealthy', 'down', 'error', 'critical'].map(componentTone)).toEqual(['bad', 'bad', 'bad', 'bad']);
  });

  it('lists component → status, worst first, with the message; sums them up', () => {
    const c = checks([
      { component: 'redis', status: 'healthy' },
      { component: 'queue', status: 'degraded' },
      { component: 'db', status: 'unhealthy', detail: 'connection refused' },
    ]);
    expect(componentRows(c).map((r) => [r.label, r.tone])).toEqual([
      ['db: unhealthy (connection refused)', 'bad'],
      ['queue: degraded', 'warn'],
      ['redis: healthy', 'ok'],
    ]);
    expect(componentsSummary(c)).toBe('1 of 3 failing, 1 degraded');
    expect(componentsSummary(checks([{ component: 'redis', status: 'ok' }]))).toBe('1 component, all healthy');
    expect(componentsSummary(undefined)).toBeNull();
    expect(componentRows(undefined)).toEqual([]);
  });
});

describe('contract: the supervision status carries the checks', () => {
  const response = supervisionInvokes.getSupervisionStatus.response;

  it('parses per-service checks, and refuses a status without them or with a malformed component', () => {
    const status = supervisionStatus({ checks: { api: checks([{ component: 'db', status: 'unhealthy', detail: 'refused' }]) } });
    expect(response.parse(status).checks['api']?.components).toEqual([{ component: 'db', status: 'unhealthy', detail: 'refused' }]);
    const { checks: _dropped, ...without } = status;
    expect(response.safeParse(without).success).toBe(false);
    expect(response.safeParse({ ...status, checks: { api: { at: 'yesterday', components: [] } } }).success).toBe(false);
    expect(response.safeParse({ ...status, checks: { api: { at: status.engine.since, components: [{ component: 'db' }] } } }).success).toBe(
      false,
    );
  });
});
