import type { ContractError, Result } from '../../../../shared/contract/index.ts';
import type { SmokeCheckResult, SmokeProgress, SmokeRunRecord, SmokeSuites } from '../../../../shared/model/index.ts';

/** Runs the view keeps, newest first (main keeps 20 as well). */
export const HISTORY_SHOWN = 20;

export interface SmokeState {
  suites: SmokeSuites | null;
  /** The suite being run (`null` every suite), or undefined when idle. */
  running: string | null | undefined;
  /** Checks finished so far in the run in flight, in completion order, and how many there are. */
  progress: { done: number; total: number; results: SmokeCheckResult[] };
  /** The run shown in the scoreboard: the latest, or one picked from the history. */
  shown: SmokeRunRecord | null;
  history: SmokeRunRecord[];
  error: ContractError | null;
}

export const initialSmokeState: SmokeState = {
  suites: null,
  running: undefined,
  progress: { done: 0, total: 0, results: [] },
  shown: null,
  history: [],
  error: null,
};

export type SmokeAction =
  | { type: 'suites'; result: Result<SmokeSuites> }
  | { type: 'history'; result: Result<SmokeRunRecord[]> }
  | { type: 'run-started'; suite: string | null }
  | { type: 'progress'; progress: SmokeProgress }
  | { type: 'run-finished'; result: Result<SmokeRunRecord> }
  | { type: 'show'; runId: string }
  | { type: 'dismiss-error' };

/** The Smoke view's state: pure, so the run/progress/history rules are unit-tested without a page. */
export function smokeReducer(state: SmokeState, action: SmokeAction): SmokeState {
  switch (action.type) {
    case 'suites':
      return action.result.ok ? { ...state, suites: action.result.value } : { ...state, error: action.result.error };
    case 'history': {
      if (!action.result.ok) return { ...state, error: action.result.error };
      const history = action.result.value.slice(0, HISTORY_SHOWN);
      return { ...state, history, shown: state.shown ?? history[0] ?? null };
    }
    case 'run-started':
      return { ...state, running: action.suite, progress: { done: 0, total: 0, results: [] }, error: null };
    case 'progress': {
      // Progress of a run this page did not start (another page, the tray) shows too: it is the same stack.
      // The first check of a run starts the list afresh.
      const { done, total, result } = action.progress;
      const results = done === 1 ? [result] : [...state.progress.results, result];
      return { ...state, progress: { done, total, results } };
    }
    case 'run-finished': {
      if (!action.result.ok) return { ...state, running: undefined, error: action.result.error };
      const record = action.result.value;
      const history = [record, ...state.history.filter((run) => run.runId !== record.runId)].slice(0, HISTORY_SHOWN);
      return { ...state, running: undefined, shown: record, history };
    }
    case 'show':
      return { ...state, shown: state.history.find((run) => run.runId === action.runId) ?? state.shown };
    case 'dismiss-error':
      return { ...state, error: null };
  }
}

/** `3/5 passed` style summary of a run, for the history list. */
export function runSummary(record: SmokeRunRecord): string {
  const { passed, failed, errors, skipped, total } = record.scoreboard;
  const parts = [`${passed}/${total} passed`];
  if (failed > 0) parts.push(`${failed} failed`);
  if (errors > 0) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
  if (skipped > 0) parts.push(`${skipped} skipped`);
  return parts.join(', ');
}
