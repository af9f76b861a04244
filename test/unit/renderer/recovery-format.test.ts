import { describe, expect, it } from 'vitest';
import { formatSpan, planTiming, serviceLine, supervisionSummary } from '../../../src/renderer/src/features/recovery/recovery-format.ts';
import { at, planView, serviceStatus, supervisionStatus, T0 } from '../ipc/support/fake-supervisor.ts';

const now = (ms: number) => Date.parse(T0) + ms;

describe('Recovery view wording', () => {
  it('spans: seconds, minutes, hours, days', () => {
    expect(formatSpan(8_400)).toBe('8 s');
    expect(formatSpan(3 * 60_000 + 20_000)).toBe('3 min');
    expect(formatSpan(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(formatSpan(3 * 86_400_000)).toBe('3 days');
    expect(formatSpan(-5)).toBe('0 s');
  });

  it('healthy for 3 min; crash-looping, attempt 3/5, next in 8 s', () => {
    expect(serviceLine(serviceStatus({ since: T0 }), now(3 * 60_000 + 10_000))).toBe('healthy for 3 min');
    const looping = serviceStatus({ state: 'crash-looping', attempts: 3, maxAttempts: 5, nextAttemptAt: at(20_000) });
    expect(serviceLine(looping, now(12_000))).toBe('crash-looping, attempt 3/5, next in 8 s');
    // The same status a tick later counts down, then says now.
    expect(serviceLine(looping, now(19_000))).toBe('crash-looping, attempt 3/5, next in 1 s');
    expect(serviceLine(looping, now(20_100))).toBe('crash-looping, attempt 3/5, next now');
  });

  it('recovering, given up, awaiting approval, and a healthy service still counting attempts', () => {
    expect(serviceLine(serviceStatus({ state: 'recovering', attempts: 2, since: T0 }), now(4_000))).toBe(
      'recovering, attempt 2/5, for 4 s',
    );
    expect(serviceLine(serviceStatus({ state: 'given-up', attempts: 5, since: T0 }), now(120_000))).toBe(
      'gave up after 5/5 attempts, 2 min ago',
    );
    expect(serviceLine(serviceStatus({ state: 'awaiting-manual', attempts: 1, since: T0 }), now(30_000))).toBe(
      'awaiting your approval for 30 s',
    );
    expect(serviceLine(serviceStatus({ attempts: 2, since: T0 }), now(40_000))).toBe('healthy for 40 s (attempt 2/5)');
    expect(serviceLine(serviceStatus({ state: 'stopped-by-user', since: T0 }), now(61_000))).toBe('stopped by you for 1 min');
  });

  it('plan timing: due in, running for, waits for approval', () => {
    expect(planTiming(planView({ dueAt: at(8_000) }), now(0))).toBe('due in 8 s');
    expect(planTiming(planView({ dueAt: at(8_000) }), now(8_000))).toBe('due now');
    expect(planTiming(planView({ state: 'IN_PROGRESS', startedAt: at(1_000) }), now(3_000))).toBe('running for 2 s');
    expect(planTiming(planView({ state: 'AWAITING_MANUAL', dueAt: null }), now(0))).toBe('waits for approval');
  });

  it('supervision summary: active, paused, engine lost, off', () => {
    expect(supervisionSummary(supervisionStatus(), now(90_000))).toEqual({ tone: 'ok', text: 'Supervising · engine connected for 1 min' });
    expect(supervisionSummary(supervisionStatus({ paused: true }), now(5_000)).text).toBe(
      'Paused: due recoveries wait · engine connected for 5 s',
    );
    expect(supervisionSummary(supervisionStatus({ engine: { state: 'lost', since: T0, attempt: 2 } }), now(7_000))).toEqual({
      tone: 'bad',
      text: 'Engine lost 7 s ago, reconnect attempt 2',
    });
    expect(supervisionSummary(supervisionStatus({ started: false }), now(0)).text).toBe('Supervision is off in this host');
  });
});
