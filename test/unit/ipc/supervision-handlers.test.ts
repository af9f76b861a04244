import { describe, expect, it } from 'vitest';
import type { DiagnosisService } from '../../../src/main/app/diagnosis-service.ts';
import { silentLogger } from '../../../src/main/core/ports/logger.port.ts';
import { forwardAppEvents } from '../../../src/main/ipc/app-events.ts';
import { createDispatcher } from '../../../src/main/ipc/dispatch.ts';
import { createHandlers } from '../../../src/main/ipc/handlers.ts';
import { eventContract, invokeContract } from '../../../src/shared/contract/index.ts';
import { Emitter } from '../../../src/shared/lifecycle/emitter.ts';
import { settingsSchema, type SupervisionEvent } from '../../../src/shared/model/index.ts';
import { FakeSupervisor, planView, T0 } from './support/fake-supervisor.ts';

const diagnosis = { diagnose: async () => null, last: null } as unknown as DiagnosisService;
const settingsValue = settingsSchema.parse({});
const settings = {
  get: () => settingsValue,
  update: () => settingsValue,
  onChange: new Emitter<typeof settingsValue>().event,
};
const appInfo = { version: '1.0.0', workspace: '/w', host: 'serve' as const };

function dispatcherFor(supervisor: FakeSupervisor | undefined) {
  return createDispatcher(createHandlers({ diagnosis, settings, appInfo, ...(supervisor ? { supervisor } : {}) }), silentLogger);
}

describe('supervision channels', () => {
  it('answer the supervisor status and history (newest first, bounded by limit)', async () => {
    const supervisor = new FakeSupervisor();
    supervisor.entries = [1, 2, 3].map((n) => ({
      at: T0,
      planId: `p-${n}`,
      service: 'api',
      action: 'start' as const,
      state: 'SUCCEEDED' as const,
      attempt: 1,
      reason: 'crashed',
      durationMs: 40,
    }));
    const dispatch = dispatcherFor(supervisor);
    const status = await dispatch(invokeContract.getSupervisionStatus.channel, {});
    expect(status).toEqual({ ok: true, value: supervisor.current });
    const history = await dispatch(invokeContract.getRecoveryHistory.channel, { limit: 2 });
    expect(history.ok && (history.value as Array<{ planId: string }>).map((e) => e.planId)).toEqual(['p-1', 'p-2']);
    expect(supervisor.calls).toContain('history:2');
  });

  it('refuses a history limit outside 1..200 before the supervisor sees it', async () => {
    const supervisor = new FakeSupervisor();
    const result = await dispatcherFor(supervisor)(invokeContract.getRecoveryHistory.channel, { limit: 0 });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', field: 'limit' } });
    expect(supervisor.calls).toEqual([]);
  });

  it('sets a valid policy (defaults filled in) and answers the policy in force', async () => {
    const supervisor = new FakeSupervisor();
    const result = await dispatcherFor(supervisor)(invokeContract.setRecoveryPolicy.channel, {
      service: 'api',
      policy: { strategy: 'linear', initialDelayMs: 2000, maxDelayMs: 8000 },
    });
    expect(result).toMatchObject({ ok: true, value: { strategy: 'linear', initialDelayMs: 2000, maxDelayMs: 8000, maxAttempts: 5 } });
    expect(supervisor.current.policies['api']).toMatchObject({ strategy: 'linear', initialDelayMs: 2000 });
  });

  it('refuses an invalid policy naming the field, in the message and in `field`', async () => {
    const supervisor = new FakeSupervisor();
    const dispatch = dispatcherFor(supervisor);
    const multiplier = await dispatch(invokeContract.setRecoveryPolicy.channel, { service: 'api', policy: { multiplier: 0.5 } });
    expect(multiplier).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', field: 'policy.multiplier' } });
    expect(multiplier.ok || multiplier.error.message).toContain('multiplier must be ≥ 1.0');
    const cross = await dispatch(invokeContract.setRecoveryPolicy.channel, {
      service: 'api',
      policy: { initialDelayMs: 5000, maxDelayMs: 1000 },
    });
    expect(cross).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', field: 'policy.maxDelayMs' } });
    expect(cross.ok || cross.error.message).toContain('maxDelayMs (1000) must be ≥ initialDelayMs (5000)');
    expect(supervisor.current.policies['api']?.multiplier).toBe(2);
  });

  it("maps the supervisor's own refusals to their codes (INVALID_POLICY with the field, UNKNOWN_SERVICE)", async () => {
    const supervisor = new FakeSupervisor();
    // A supervisor whose rules are stricter than the schema's still names the field.
    supervisor.setPolicy = () => ({
      ok: false,
      error: { code: 'INVALID_POLICY', message: 'policy of api: ✖ maxAttempts must be ≤ 50\n  → at maxAttempts' },
    });
    const refused = await dispatcherFor(supervisor)(invokeContract.setRecoveryPolicy.channel, { service: 'api', policy: {} });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'INVALID_POLICY',
        message: 'policy of api: ✖ maxAttempts must be ≤ 50\n  → at maxAttempts',
        field: 'policy.maxAttempts',
      },
    });
    const unknown = await dispatcherFor(new FakeSupervisor())(invokeContract.setRecoveryPolicy.channel, { service: 'db', policy: {} });
    expect(unknown).toEqual({ ok: false, error: { code: 'UNKNOWN_SERVICE', message: 'db is not supervised' } });
  });

  it('cancels a scheduled plan and approves an awaiting one; unknown or not-awaiting plans are refused by code', async () => {
    const supervisor = new FakeSupervisor();
    supervisor.setQueued([planView({ id: 'p-s' }), planView({ id: 'p-m', service: 'db', state: 'AWAITING_MANUAL', dueAt: null })]);
    const dispatch = dispatcherFor(supervisor);
    expect(await dispatch(invokeContract.cancelRecoveryPlan.channel, { planId: 'p-s' })).toMatchObject({
      ok: true,
      value: { id: 'p-s', state: 'CANCELLED' },
    });
    expect(await dispatch(invokeContract.cancelRecoveryPlan.channel, { planId: 'p-s' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_PLAN' },
    });
    expect(await dispatch(invokeContract.approveRecoveryPlan.channel, { planId: 'p-m' })).toMatchObject({
      ok: true,
      value: { id: 'p-m', state: 'SCHEDULED' },
    });
    expect(await dispatch(invokeContract.approveRecoveryPlan.channel, { planId: 'p-m' })).toMatchObject({
      ok: false,
      error: { code: 'PLAN_NOT_AWAITING' },
    });
    expect(await dispatch(invokeContract.cancelRecoveryPlan.channel, { planId: '' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', field: 'planId' },
    });
  });

  it('pauses and resumes, answering the status after the switch', async () => {
    const supervisor = new FakeSupervisor();
    const dispatch = dispatcherFor(supervisor);
    expect(await dispatch(invokeContract.pauseSupervision.channel, {})).toMatchObject({ ok: true, value: { paused: true } });
    expect(await dispatch(invokeContract.resumeSupervision.channel, {})).toMatchObject({ ok: true, value: { paused: false } });
    expect(supervisor.calls).toEqual(['pause', 'resume']);
  });

  it('answers UNAVAILABLE on every supervision channel in a host without a supervisor', async () => {
    const dispatch = dispatcherFor(undefined);
    for (const name of ['getSupervisionStatus', 'pauseSupervision', 'resumeSupervision'] as const) {
      expect(await dispatch(invokeContract[name].channel, {})).toEqual({
        ok: false,
        error: { code: 'UNAVAILABLE', message: 'Supervision is not available in this host.' },
      });
    }
  });

  it('forwards each supervisor event on supervision:event, and stops when disposed', () => {
    const supervisor = new FakeSupervisor();
    const sent: Array<{ channel: string; payload: unknown }> = [];
    const forwarding = forwardAppEvents(
      { diagnosis: { onStarted: () => ({ dispose() {} }), onCompleted: () => ({ dispose() {} }) }, settings, supervisor },
      (channel, payload) => sent.push({ channel, payload }),
    );
    const event: SupervisionEvent = { type: 'supervision', state: 'paused', at: T0 };
    supervisor.emit(event);
    expect(sent).toEqual([{ channel: eventContract.supervisionEvent.channel, payload: event }]);
    expect(eventContract.supervisionEvent.payload.safeParse(sent[0]!.payload).success).toBe(true);
    forwarding.dispose();
    expect(supervisor.listeners).toBe(0);
    supervisor.emit(event);
    expect(sent).toHaveLength(1);
  });
});
