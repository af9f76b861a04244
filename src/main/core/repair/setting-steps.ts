import type { RepairStep } from '../../../shared/model/index.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import { failed, type StepContext, type StepResult } from './step-context.ts';

type Action<K extends RepairStep['action']['kind']> = Extract<RepairStep['action'], { kind: K }>;

/** Pins the orchestrator URL in settings; the detail records the previous value, which is how it is undone. */
export async function pinTarget(context: StepContext, action: Action<'pin-orchestrator-target'>): Promise<StepResult> {
  const { settings } = context.ports;
  const previous = settings.get().orchestratorUrl;
  try {
    const now = await context.engine(() => settings.update({ orchestratorUrl: action.params.url }));
    if (now.orchestratorUrl !== action.params.url)
      return failed('NOT_SAVED', `the setting reads ${now.orchestratorUrl ?? 'unset'} after the change`);
  } catch (error) {
    return failed('SETTINGS_ERROR', `could not save the setting: ${errorMessage(error)}`);
  }
  return { ok: true, detail: `orchestrator URL pinned to ${action.params.url} (was ${previous ?? 'unset'})` };
}

export async function resetBreaker(context: StepContext, action: Action<'reset-breaker'>): Promise<StepResult> {
  const breakers = context.ports.breakers;
  const { target } = action.params;
  if (!breakers) return failed('NO_BREAKERS', 'no chat client runs here, so there is no breaker to reset');
  try {
    await context.engine(() => breakers.reset(target));
  } catch (error) {
    return failed('RESET_FAILED', `could not reset the breaker for ${target}: ${errorMessage(error)}`);
  }
  const state = breakers.state(target);
  return state === 'closed'
    ? { ok: true, detail: `breaker for ${target} closed` }
    : failed('STILL_OPEN', `the breaker for ${target} is ${state}`);
}
