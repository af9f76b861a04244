import type { RepairExecution } from '../../../../shared/contract/index.ts';
import type { RepairPlan, RepairProgress, RepairScoreboard, StepOutcome } from '../../../../shared/model/index.ts';

/** Where the view is: nothing yet → previewing → a plan → running (progress) → done (scoreboard), or an error. */
export type RepairPhase = 'idle' | 'previewing' | 'planned' | 'running' | 'done';

export interface RepairViewState {
  phase: RepairPhase;
  plan: RepairPlan | null;
  /** Per step id: running, or its outcome. */
  steps: Record<string, 'running' | StepOutcome>;
  verifying: 'diagnosis' | 'smoke' | null;
  scoreboard: RepairScoreboard | null;
  /** Refused (the stack changed) or cancelled: said above the scoreboard. */
  notice: string | null;
  /** Where the report was written. */
  reportPath: string | null;
  reportId: string | null;
  error: string | null;
}

export const initialRepairState: RepairViewState = {
  phase: 'idle',
  plan: null,
  steps: {},
  verifying: null,
  scoreboard: null,
  notice: null,
  reportPath: null,
  reportId: null,
  error: null,
};

export type RepairAction =
  | { type: 'preview' }
  | { type: 'planned'; plan: RepairPlan }
  | { type: 'execute' }
  | { type: 'progress'; progress: RepairProgress }
  | { type: 'executed'; execution: RepairExecution }
  | { type: 'failed'; message: string };

/** Pure: the view's state after one action (progress events of another plan's run are ignored). */
export function repairReducer(state: RepairViewState, action: RepairAction): RepairViewState {
  switch (action.type) {
    case 'preview':
      return { ...initialRepairState, phase: 'previewing' };
    case 'planned':
      return { ...initialRepairState, phase: 'planned', plan: action.plan };
    case 'execute':
      return { ...state, phase: 'running', steps: {}, verifying: null, scoreboard: null, notice: null, error: null };
    case 'progress':
      return onProgress(state, action.progress);
    case 'executed': {
      const ran = action.execution;
      if (ran.status !== 'ran') return { ...state, phase: 'planned', error: ran.message };
      const { report } = ran;
      return {
        ...state,
        // Refused: nothing ran; the re-plan is what to confirm next.
        phase: report.status === 'refused' ? 'planned' : 'done',
        steps: report.status === 'refused' ? {} : state.steps,
        verifying: null,
        scoreboard: report.scoreboard,
        notice: report.status === 'refused' ? (report.refusal ?? 'Refused.') : report.status === 'cancelled' ? 'Cancelled.' : null,
        // A refused run comes with the plan of the changed stack: it is the one to confirm next.
        plan: report.replanned ?? state.plan,
        reportPath: ran.files?.markdown ?? null,
        reportId: report.id,
        error: ran.reportError ? `The report could not be written: ${ran.reportError}` : null,
      };
    }
    case 'failed':
      return { ...state, phase: state.plan ? 'planned' : 'idle', error: action.message };
  }
}

function onProgress(state: RepairViewState, progress: RepairProgress): RepairViewState {
  if (state.phase !== 'running') return state;
  switch (progress.type) {
    case 'step-started':
      return { ...state, steps: { ...state.steps, [progress.stepId]: 'running' } };
    case 'step-finished':
      return { ...state, steps: { ...state.steps, [progress.outcome.stepId]: progress.outcome } };
    case 'verifying':
      return { ...state, verifying: progress.by };
    default:
      return state;
  }
}
