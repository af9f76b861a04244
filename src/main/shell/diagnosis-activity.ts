import { invokeContract } from '../../shared/contract/index.ts';
import type { Dispatch } from '../ipc/dispatch.ts';

export interface DiagnosisActivity {
  /** The dispatcher to hand to every caller (ipc bridge, tray, refresh timer) so runs are counted. */
  dispatch: Dispatch;
  /** True while at least one `runDiagnosis` is in flight. */
  checking(): boolean;
  /** Called when `checking()` flips. Returns an unsubscribe. */
  onChange(listener: (checking: boolean) => void): () => void;
}

/**
 * Counts `runDiagnosis` calls in flight through the dispatcher. The doctor's events only report
 * successful runs, so a run that fails would otherwise leave the tray "checking" forever.
 */
export function trackDiagnosisActivity(inner: Dispatch): DiagnosisActivity {
  const runChannel = invokeContract.runDiagnosis.channel;
  const listeners = new Set<(checking: boolean) => void>();
  let inFlight = 0;
  const emit = (): void => {
    for (const listener of listeners) listener(inFlight > 0);
  };
  return {
    dispatch: async (channel, payload) => {
      if (channel !== runChannel) return inner(channel, payload);
      inFlight += 1;
      if (inFlight === 1) emit();
      try {
        return await inner(channel, payload);
      } finally {
        inFlight -= 1;
        if (inFlight === 0) emit();
      }
    },
    checking: () => inFlight > 0,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
