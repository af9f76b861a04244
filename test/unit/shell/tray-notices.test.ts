import { describe, expect, it } from 'vitest';
import { bundleNotice, isSafePlan, repairNotice, repairQuestion, smokeNotice } from '../../../src/main/shell/tray-notices.ts';
import { plan, ran, ref, scoreboard, smokeBoard, step } from './support/repair-fixtures.ts';

describe('tray repair: which plans repair in one click', () => {
  it('only a plan whose every step is low risk; an empty plan is not one (nothing to confirm)', () => {
    expect(isSafePlan(plan([step('s1', 'Connect dev to backend'), step('s2', 'Pin the target')]))).toBe(true);
    expect(isSafePlan(plan([step('s1', 'Connect dev to backend'), step('s2', 'Restart web', 'medium')]))).toBe(false);
    expect(isSafePlan(plan([step('s1', 'Recreate', 'high')]))).toBe(false);
    expect(isSafePlan(plan([]))).toBe(false);
  });

  it('the confirmation lists the steps and what is left to the user', () => {
    const question = repairQuestion(
      plan([step('s1', 'Connect dev to backend'), step('s2', 'Pin the target')], {
        needsYou: [{ finding: ref('HEALTH_DEGRADED', 'orders'), why: 'its body says degraded', fix: 'look at orders' }],
      }),
    );
    expect(question).toEqual({
      title: 'Repair stack',
      message: 'Carry out these 2 safe steps?',
      detail:
        '1. Connect dev to backend\n2. Pin the target\n\nLeft to you (1 finding): HEALTH_DEGRADED\n\nEvery step can be undone; the report says how.',
      confirmLabel: 'Repair',
    });
    expect(repairQuestion(plan([step('s1', 'Connect dev to backend')])).message).toBe('Carry out this safe step?');
  });
});

describe('tray repair result notification', () => {
  it('before → after verdict, the findings closed and what remains', () => {
    expect(repairNotice(ran('completed', scoreboard()))).toEqual({
      title: 'Repair repaired: unhealthy → healthy',
      body: 'Closed 1 finding: DNS_UNRESOLVABLE_FROM_CONTAINER.',
    });
    const partly = scoreboard({
      after: 'degraded',
      closed: [ref('CONTAINER_EXITED', 'a'), ref('CONTAINER_EXITED', 'b'), ref('PORT_CLOSED'), ref('DNS_UNRESOLVABLE_FROM_CONTAINER')],
      remaining: [ref('HEALTH_DEGRADED')],
      failed: 1,
    });
    expect(repairNotice(ran('completed', partly))).toEqual({
      title: 'Repair improved: unhealthy → degraded',
      body: 'Closed 4 findings: CONTAINER_EXITED, CONTAINER_EXITED, PORT_CLOSED and 1 more. 1 finding remaining. 1 step failed.',
    });
  });

  it('a failing smoke check of the verification makes a healthy end degraded, and says so', () => {
    const notice = repairNotice(ran('completed', { ...scoreboard({ smoke: smokeBoard(1, 1) }), result: 'improved' }));
    expect(notice.title).toBe('Repair improved: unhealthy → degraded');
    expect(notice.body).toContain('Smoke: 1/2 passed.');
  });

  it('refused, cancelled, busy and unknown plans each say what happened', () => {
    expect(repairNotice(ran('refused', null))).toEqual({
      title: 'Repair refused: the stack changed',
      body: 'Nothing was touched. The Repair view shows the new plan.',
    });
    expect(repairNotice(ran('cancelled', scoreboard({ after: 'unhealthy', closed: [] }))).title).toBe(
      'Repair cancelled: unhealthy → unhealthy',
    );
    expect(repairNotice({ status: 'busy', message: 'A repair is running; wait for it to finish.' })).toEqual({
      title: 'Repair not run',
      body: 'A repair is running; wait for it to finish.',
    });
    expect(repairNotice({ status: 'unknown-plan', message: 'preview again' }).title).toBe('Repair not run');
  });
});

describe('tray smoke and bundle notifications', () => {
  const record = (board: ReturnType<typeof smokeBoard>) => ({
    ok: true as const,
    record: { runId: 'run-1', workspace: '/work/shop', suite: null, exitCode: (board.failed > 0 ? 1 : 0) as 0 | 1, scoreboard: board },
  });

  it('pass/fail counts, and the checks that did not pass', () => {
    expect(smokeNotice(record(smokeBoard(3, 0)))).toEqual({
      title: 'Smoke tests passed: 3/3',
      body: '3 passed, 0 failed, 0 errors, 0 skipped.',
    });
    expect(smokeNotice(record(smokeBoard(1, 2)))).toEqual({
      title: 'Smoke tests failed: 1/3 passed',
      body: '1 passed, 2 failed, 0 errors, 0 skipped. Not passing: http/bad-0, http/bad-1.',
    });
  });

  it('a run that could not start says why', () => {
    expect(smokeNotice({ ok: false, error: { code: 'CONFIG_INVALID', message: 'stack-doctor.yaml:3 smoke.suites.http: bad' } })).toEqual({
      title: 'Smoke tests could not run',
      body: 'stack-doctor.yaml:3 smoke.suites.http: bad',
    });
  });

  it('the bundle: where it is and its size', () => {
    expect(bundleNotice({ path: '/home/me/b.tar.gz', bytes: 20_480, entries: [] })).toEqual({
      title: 'Diagnostics bundle saved',
      body: '/home/me/b.tar.gz (20 KiB, secrets redacted)',
    });
  });
});
