import { describe, expect, it } from 'vitest';
import { NotificationDebouncer } from '../../../../src/main/core/recovery/notification-debouncer.ts';
import type { RecoveryNotification } from '../../../../src/shared/model/recovery.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { bootAll, harness } from './support/engine-harness.ts';

const SECRET = 's3cr3t-pa55word';

describe('RecoveryEngine: recreate with a new environment', () => {
  it('twin healthy → old container removed; the env values appear in no event and no snapshot', async () => {
    const h = harness([{ name: 'api' }]);
    await bootAll(h, ['api']);
    const oldId = h.stack.get('api').containerId;
    const result = h.engine.commands.recreate('api', { DB_PASSWORD: SECRET, MODE: 'fast' });
    expect(result).toMatchObject({
      ok: true,
      value: { state: 'SCHEDULED', action: { kind: 'recreate', envKeys: ['DB_PASSWORD', 'MODE'] } },
    });
    await h.clock.advance(1000);
    await h.engine.flush();
    expect(h.stack.calls).toEqual(['recreate api DB_PASSWORD,MODE', `commit api remove ${oldId}`]);
    expect(h.plans('api')).toEqual(['SCHEDULED@1+0', 'IN_PROGRESS@1+0', 'SUCCEEDED@1+0']);
    expect(h.engine.historyEntries()[0]?.reason).toBe('twin healthy, old container removed');
    expect(h.engine.machine('api')?.containerId).toBe(h.stack.get('api').containerId);
    expect(h.engine.machine('api')?.attempts).toBe(0); // not a crash-loop attempt
    expect(JSON.stringify(h.events)).not.toContain(SECRET);
    expect(JSON.stringify(h.store.stored)).not.toContain(SECRET);
  });

  it('twin not healthy → rolled back to the old container, FAILED, and the old one is watched again', async () => {
    const h = harness([{ name: 'api' }]);
    await bootAll(h, ['api']);
    const oldId = h.stack.get('api').containerId;
    h.stack.recreateTwin = 'unhealthy';
    h.engine.commands.recreate('api', { MODE: 'broken' });
    await h.clock.advance(31_000);
    expect(h.stack.calls).toEqual(['recreate api MODE', `rollback api to ${oldId}`]);
    expect(h.engine.historyEntries()[0]).toMatchObject({
      state: 'FAILED',
      reason: 'twin not healthy: waiting for healthy timed out after 30000 ms; rolled back to the old container',
    });
    await h.clock.advance(10_000);
    expect(h.state('api')).toBe('healthy');
    expect(h.stack.get('api').containerId).toBe(oldId);
  });

  it('a failure before the twin ran is reported with its step; refusals are values', async () => {
    const h = harness([{ name: 'api' }]);
    await bootAll(h, ['api']);
    h.stack.recreateTwin = 'create-fails';
    h.engine.commands.recreate('api', { A: '1' });
    expect(h.engine.commands.recreate('api', { A: '2' })).toMatchObject({ ok: false, error: { code: 'PLAN_EXISTS' } });
    expect(h.engine.commands.recreate('ghost', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SERVICE' } });
    await h.clock.advance(1000);
    expect(h.engine.historyEntries()[0]?.reason).toBe('recreate failed at create-twin: name conflict; rolled back to the old container');
  });
});

describe('notifications are debounced per service', () => {
  const note = (service: string, message: string): Omit<RecoveryNotification, 'suppressed'> => ({
    type: 'notification',
    service,
    kind: 'given-up',
    message,
    at: '2026-01-01T00:00:00.000Z',
  });

  it('the first goes out at once, the rest of the window is folded into its latest, a quiet window closes', async () => {
    const clock = new FakeClock();
    const out: RecoveryNotification[] = [];
    const debouncer = new NotificationDebouncer(clock, 60_000, (n) => out.push(n));
    debouncer.notify(note('api', 'm1'));
    debouncer.notify(note('db', 'd1'));
    debouncer.notify(note('api', 'm2'));
    debouncer.notify(note('api', 'm3'));
    expect(out.map((n) => n.message)).toEqual(['m1', 'd1']);
    await clock.advance(60_000);
    expect(out.map((n) => [n.message, n.suppressed])).toEqual([
      ['m1', 0],
      ['d1', 0],
      ['m3', 1],
    ]);
    await clock.advance(60_000);
    expect(clock.pending).toBe(0);
    debouncer.notify(note('api', 'm4'));
    expect(out.at(-1)?.message).toBe('m4');
    debouncer.dispose();
    expect(clock.pending).toBe(0);
  });

  it('a flapping service cannot flood: 20 give-up/recover cycles in 10 minutes make at most one notification per minute', async () => {
    const h = harness([{ name: 'api', policy: { maxAttempts: 1, stableAfterMs: 60_000 } }]);
    await bootAll(h, ['api']);
    for (let i = 0; i < 20; i++) {
      h.stack.get('api').behaviour = 'crashing';
      h.stack.die('api', 1);
      await h.clock.advance(15_000);
      h.stack.get('api').behaviour = 'healthy';
      h.stack.boot('api');
      h.engine.observe({ kind: 'health-probe', service: 'api', result: 'ok' });
      await h.clock.advance(15_000);
    }
    expect(h.notifications().length).toBeLessThanOrEqual(11);
    expect(h.notifications().length).toBeGreaterThan(1);
  });
});
