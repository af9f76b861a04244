import { describe, expect, it } from 'vitest';
import { recoverySnapshotSchema } from '../../../../src/shared/model/recovery.ts';
import { bootAll, harness } from './support/engine-harness.ts';
import { MemoryStore } from './support/fake-stack.ts';
import { SettlingClock } from './support/settling-clock.ts';

/** A second app start `laterMs` after the first one's present, on the same store: a fresh clock, engine and fake stack. */
function restart(store: MemoryStore, services: Parameters<typeof harness>[0], first: SettlingClock, laterMs = 1000) {
  return harness(services, {}, new SettlingClock(first.now() + laterMs), store);
}

describe('RecoveryEngine: persistence', () => {
  it('saves a valid snapshot after every change: status and history, as the engine reports them', async () => {
    const h = harness([{ name: 'api' }]);
    await bootAll(h, ['api']);
    const savesBefore = h.store.saves;
    h.stack.die('api', 1);
    await h.clock.advance(1000);
    expect(h.store.saves).toBeGreaterThan(savesBefore);
    const stored = recoverySnapshotSchema.parse(h.store.stored);
    expect(stored.status).toEqual(h.engine.status());
    expect(stored.history).toEqual(h.engine.historyEntries());
    expect(stored.history).toMatchObject([{ service: 'api', state: 'SUCCEEDED', action: 'start', attempt: 1, durationMs: 550 }]);
  });

  it('restores history, attempts and a scheduled plan after a restart, and runs the plan when due', async () => {
    const a = harness([{ name: 'api', behaviour: 'crashing' }]);
    a.stack.boot('api');
    await a.clock.advance(5000); // attempts 1 and 2 failed, attempt 3 waits 4 s
    await a.engine.flush();
    const history = a.engine.historyEntries();
    expect(history.map((e) => e.state)).toEqual(['FAILED', 'FAILED']);
    const b = restart(a.store, [{ name: 'api' }], a.clock);
    const restored = await b.engine.restore();
    expect(restored).toEqual({ ok: true, value: { services: 1, plans: 1, interrupted: 0 } });
    expect(b.engine.historyEntries()).toEqual(history);
    expect(b.engine.status().services[0]).toMatchObject({ state: 'crash-looping', attempts: 2 });
    // Due 4 s after the failure at 3.7 s; the app is back at 6 s, so 1.7 s are left.
    expect(b.engine.status().queued[0]).toMatchObject({ state: 'SCHEDULED', attempt: 3, delayMs: 4000 });
    await b.clock.advance(1699);
    expect(b.stack.calls).toEqual([]);
    await b.clock.advance(1);
    expect(b.stack.calls).toEqual(['start api']);
  });

  it('a plan IN_PROGRESS when the app was killed becomes FAILED (interrupted) and is followed up with backoff', async () => {
    const a = harness([{ name: 'api', behaviour: 'crashing' }]);
    a.stack.boot('api');
    await a.clock.advance(1250); // attempt 1 is running
    await a.engine.flush();
    expect(a.engine.status().active).toHaveLength(1);
    const killed = structuredClone(a.store.stored); // kill -9: no dispose, the last saved snapshot is all there is
    const b = restart(new MemoryStore(), [{ name: 'api' }], a.clock);
    b.store.stored = killed;
    expect(await b.engine.restore()).toEqual({ ok: true, value: { services: 1, plans: 0, interrupted: 1 } });
    expect(b.engine.historyEntries().at(-1)).toMatchObject({
      state: 'FAILED',
      attempt: 1,
      reason: 'interrupted: Stack Doctor stopped during this attempt',
    });
    expect(b.engine.status().queued[0]).toMatchObject({ state: 'SCHEDULED', attempt: 2, delayMs: 2000 });
    expect(b.state('api')).toBe('crash-looping');
  });

  it('dispose saves running plans as IN_PROGRESS; the next start restores them as interrupted', async () => {
    const a = harness([{ name: 'api', behaviour: 'crashing' }]);
    a.stack.boot('api');
    await a.clock.advance(1250);
    await a.engine.dispose();
    expect(a.store.last.status.active).toMatchObject([{ service: 'api', state: 'IN_PROGRESS' }]);
    await a.clock.advance(1000); // the fake container's own crash timer; the engine left none
    expect(a.clock.pending).toBe(0);
    const b = restart(a.store, [{ name: 'api' }], a.clock);
    expect(await b.engine.restore()).toMatchObject({ ok: true, value: { interrupted: 1 } });
  });

  it('stopped-by-user and given-up survive a restart: still left alone', async () => {
    const a = harness([{ name: 'api' }, { name: 'worker', behaviour: 'crashing', policy: { maxAttempts: 1 } }]);
    await bootAll(a, ['api']);
    a.stack.userStop('api');
    a.stack.boot('worker');
    await a.clock.advance(60_000);
    expect([a.state('api'), a.state('worker')]).toEqual(['stopped-by-user', 'given-up']);
    await a.engine.dispose();
    const b = restart(a.store, [{ name: 'api' }, { name: 'worker', policy: { maxAttempts: 1 } }], a.clock, 3_600_000);
    await b.engine.restore();
    expect([b.state('api'), b.state('worker')]).toEqual(['stopped-by-user', 'given-up']);
    b.engine.observe({ kind: 'docker-health', service: 'api', status: 'unhealthy' });
    await b.clock.advance(600_000);
    expect(b.stack.calls).toEqual([]);
  });

  it('an unreadable snapshot is refused with INVALID_SNAPSHOT and changes nothing', async () => {
    const store = new MemoryStore();
    store.stored = { version: 99, history: 'nope' };
    const h = harness([{ name: 'api' }], {}, new SettlingClock(), store);
    expect(await h.engine.restore()).toMatchObject({ ok: false, error: { code: 'INVALID_SNAPSHOT' } });
    expect(h.engine.historyEntries()).toEqual([]);
    const empty = harness([{ name: 'api' }]);
    expect(await empty.engine.restore()).toEqual({ ok: true, value: { services: 0, plans: 0, interrupted: 0 } });
  });

  it('the history is bounded: the oldest entries fall off', async () => {
    const h = harness([{ name: 'api', behaviour: 'crashing', policy: { maxAttempts: 5 } }], { historyLimit: 3 });
    h.stack.boot('api');
    await h.clock.advance(120_000);
    expect(h.engine.historyEntries().map((e) => e.attempt)).toEqual([3, 4, 5]);
    await h.engine.flush();
    expect(h.store.last.history).toHaveLength(3);
  });
});
