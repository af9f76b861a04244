import { describe, expect, it } from 'vitest';
import { bootAll, harness } from './support/engine-harness.ts';

describe('RecoveryEngine: crashes', () => {
  it('a crash after a stable run is recovered at once: start with no delay, verified healthy', async () => {
    const h = harness([{ name: 'api' }]);
    await bootAll(h, ['api']);
    expect(h.state('api')).toBe('healthy');
    h.stack.die('api', 1);
    expect(h.plans('api')).toEqual(['SCHEDULED@1+0', 'IN_PROGRESS@1+0']);
    expect(h.stack.calls).toEqual(['start api']);
    await h.clock.advance(50 + 500);
    expect(h.plans('api')).toEqual(['SCHEDULED@1+0', 'IN_PROGRESS@1+0', 'SUCCEEDED@1+0']);
    expect(h.states('api')).toEqual(['healthy', 'unavailable', 'recovering', 'healthy']);
    expect(h.engine.status().services[0]).toMatchObject({ service: 'api', state: 'healthy', attempts: 1, maxAttempts: 5 });
  });

  it('a crash loop backs off 1, 2, 4, 8 s, then gives up after maxAttempts (5) with one notification', async () => {
    const h = harness([{ name: 'api', behaviour: 'crashing' }]);
    h.stack.boot('api');
    await h.clock.advance(120_000);
    const scheduled = h.plans('api').filter((p) => p.startsWith('SCHEDULED'));
    expect(scheduled).toEqual(['SCHEDULED@1+1000', 'SCHEDULED@2+2000', 'SCHEDULED@3+4000', 'SCHEDULED@4+8000', 'SCHEDULED@5+16000']);
    expect(h.plans('api').filter((p) => p.startsWith('FAILED'))).toHaveLength(5);
    expect(h.state('api')).toBe('given-up');
    expect(h.stack.actionCalls('start', 'api')).toBe(5);
    const given = h.notifications().filter((n) => n.kind === 'given-up');
    expect(given).toHaveLength(1);
    expect(given[0]?.message).toContain('after 5 attempts');
    // Given up means left alone: no timer is still waiting to act on it.
    const starts = h.stack.get('api').starts;
    await h.clock.advance(600_000);
    expect(h.stack.get('api').starts).toBe(starts);
  });

  it('an always-crashing service over 45 s: between 2 and 8 starts (no storm, no giving up too early)', async () => {
    const h = harness([{ name: 'api', behaviour: 'crashing' }]);
    h.stack.boot('api');
    await h.clock.advance(45_000);
    const starts = h.stack.get('api').starts;
    expect(starts).toBeGreaterThanOrEqual(2);
    expect(starts).toBeLessThanOrEqual(8);
    // Starts are spaced by the growing backoff, not bunched.
    const times = h.stack.get('api').startTimes;
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    expect(gaps.every((gap, i) => i === 0 || gap > (gaps[i - 1] as number))).toBe(true);
  });

  it('the backoff resets after the service stayed healthy for the reset window (10 min)', async () => {
    const h = harness([{ name: 'api' }]);
    await bootAll(h, ['api']);
    h.stack.get('api').behaviour = 'crashing';
    h.stack.die('api', 1);
    await h.clock.advance(20_000);
    const attemptsInLoop = h.engine.status().services[0]?.attempts ?? 0;
    expect(attemptsInLoop).toBeGreaterThanOrEqual(3);
    // It heals: the next start stays up.
    h.stack.get('api').behaviour = 'healthy';
    await h.clock.advance(60_000);
    expect(h.state('api')).toBe('healthy');
    expect(h.engine.machine('api')?.attempts).toBeGreaterThan(0);
    await h.clock.advance(600_000);
    expect(h.engine.machine('api')?.attempts).toBe(0);
    expect(h.engine.status().services[0]?.attempts).toBe(0);
    // Crashing again starts from attempt 1, at once (it ran stably).
    h.stack.die('api', 1);
    expect(h.plans('api').at(-2)).toBe('SCHEDULED@1+0');
  });

  it('without the reset window, the next crash continues the count', async () => {
    const h = harness([{ name: 'api', policy: { resetAfterMs: 3_600_000 } }]);
    await bootAll(h, ['api']);
    h.stack.die('api', 1);
    await h.clock.advance(30_000);
    h.stack.die('api', 1);
    expect(h.plans('api').at(-2)).toBe('SCHEDULED@2+0');
  });

  it('a start the engine refuses fails the attempt and backs off', async () => {
    const h = harness([{ name: 'api', behaviour: 'refuses-start', policy: { maxAttempts: 2 } }]);
    h.stack.boot('api');
    await h.clock.advance(10_000);
    h.stack.die('api', 1);
    await h.clock.advance(10_000);
    expect(h.plans('api')).toEqual([
      'SCHEDULED@1+0',
      'IN_PROGRESS@1+0',
      'FAILED@1+0',
      'SCHEDULED@2+2000',
      'IN_PROGRESS@2+2000',
      'FAILED@2+2000',
    ]);
    expect(h.engine.historyEntries().map((e) => e.reason)).toEqual(['start failed: no such image', 'start failed: no such image']);
    expect(h.state('api')).toBe('given-up');
  });

  it('unhealthy by Docker HEALTHCHECK → restarted at once with the graceful stop timeout', async () => {
    const h = harness([{ name: 'api', policy: { stopTimeoutSec: 7 } }]);
    await bootAll(h, ['api']);
    h.engine.observe({ kind: 'docker-health', service: 'api', status: 'unhealthy' });
    expect(h.stack.calls).toEqual(['restart api 7']);
    await h.clock.advance(600);
    expect(h.state('api')).toBe('healthy');
    expect(h.states('api')).toEqual(['healthy', 'unavailable', 'recovering', 'healthy']);
  });

  it('degraded shorter than the grace is untouched; degraded for the whole grace is restarted', async () => {
    const h = harness([{ name: 'api' }]);
    await bootAll(h, ['api']);
    h.engine.observe({ kind: 'health-probe', service: 'api', result: 'degraded' });
    await h.clock.advance(299_000);
    h.engine.observe({ kind: 'health-probe', service: 'api', result: 'ok' });
    await h.clock.advance(600_000);
    expect(h.stack.calls).toEqual([]);
    h.engine.observe({ kind: 'heartbeat', service: 'api', status: 'degraded' });
    await h.clock.advance(300_000);
    expect(h.stack.calls).toEqual(['restart api 10']);
  });

  it('a service that is not ready yet is never restarted within the start grace', async () => {
    const h = harness([{ name: 'api' }]);
    h.stack.boot('api');
    h.engine.observe({ kind: 'readiness', service: 'api', ready: false });
    await h.clock.advance(59_000);
    h.engine.observe({ kind: 'readiness', service: 'api', ready: true });
    await h.clock.advance(60_000);
    expect(h.stack.calls).toEqual([]);
    expect(h.state('api')).toBe('healthy');
  });
});
