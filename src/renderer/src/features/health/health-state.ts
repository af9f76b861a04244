import type { ContractError, Result } from '../../../../shared/contract/index.ts';
import type { Diagnosis, Settings } from '../../../../shared/model/index.ts';

/** Everything the Health view shows, driven by calls this window makes and events from main. */
export interface HealthState {
  diagnosis: Diagnosis | null;
  settings: Settings | null;
  /** Calls to runDiagnosis this window started and still awaits. */
  localRuns: number;
  /** Diagnoses announced by `diagnosisStarted` (from anyone) and not completed yet, by correlation id. */
  remoteRuns: string[];
  /** When the last diagnosis was started (ms since epoch), by this page or announced by main. */
  lastAttemptAt: number | null;
  error: ContractError | null;
  /** The initial getLastDiagnosis answered. */
  loaded: boolean;
}

export type HealthAction =
  | { type: 'loaded'; diagnosis: Diagnosis | null }
  | { type: 'settings'; settings: Settings }
  | { type: 'run-started'; at: number }
  | { type: 'run-finished'; result: Result<Diagnosis> }
  | { type: 'event-started'; correlationId: string; at: number }
  | { type: 'event-expired'; correlationId: string }
  | { type: 'event-completed'; diagnosis: Diagnosis }
  | { type: 'error'; error: ContractError }
  | { type: 'dismiss-error' };

export const initialHealthState: HealthState = {
  diagnosis: null,
  settings: null,
  localRuns: 0,
  remoteRuns: [],
  lastAttemptAt: null,
  error: null,
  loaded: false,
};

/** Keeps the newest diagnosis: events and answers can arrive in either order. */
function newest(current: Diagnosis | null, incoming: Diagnosis): Diagnosis {
  if (!current) return incoming;
  return Date.parse(incoming.checkedAt) >= Date.parse(current.checkedAt) ? incoming : current;
}

export function healthReducer(state: HealthState, action: HealthAction): HealthState {
  switch (action.type) {
    case 'loaded':
      return { ...state, loaded: true, diagnosis: action.diagnosis ? newest(state.diagnosis, action.diagnosis) : state.diagnosis };
    case 'settings':
      return { ...state, settings: action.settings };
    case 'run-started':
      return { ...state, localRuns: state.localRuns + 1, lastAttemptAt: action.at };
    case 'run-finished': {
      const localRuns = Math.max(0, state.localRuns - 1);
      if (action.result.ok) {
        const { value } = action.result;
        return {
          ...state,
          localRuns,
          diagnosis: newest(state.diagnosis, value),
          remoteRuns: state.remoteRuns.filter((id) => id !== value.correlationId),
          error: null,
        };
      }
      // A failed run sends no completed event: forget the started one we saw for it.
      return { ...state, localRuns, remoteRuns: localRuns === 0 ? [] : state.remoteRuns, error: action.result.error };
    }
    case 'event-started':
      if (state.remoteRuns.includes(action.correlationId)) return state;
      return { ...state, remoteRuns: [...state.remoteRuns, action.correlationId], lastAttemptAt: action.at };
    case 'event-expired':
    case 'event-completed': {
      const id = action.type === 'event-expired' ? action.correlationId : action.diagnosis.correlationId;
      const remoteRuns = state.remoteRuns.filter((run) => run !== id);
      if (action.type === 'event-expired') return { ...state, remoteRuns };
      return { ...state, remoteRuns, diagnosis: newest(state.diagnosis, action.diagnosis) };
    }
    case 'error':
      return { ...state, error: action.error };
    case 'dismiss-error':
      return { ...state, error: null };
  }
}

export function isChecking(state: HealthState): boolean {
  return state.localRuns > 0 || state.remoteRuns.length > 0;
}
