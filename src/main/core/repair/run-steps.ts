import { dirname } from 'node:path';
import type { RepairPlan, RepairProgress, RepairStep, StepOutcome } from '../../../shared/model/index.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import { connectNetwork, createService, restartContainer, startContainer } from './container-steps.ts';
import { pinTarget, resetBreaker } from './setting-steps.ts';
import { failed, type StepContext, type StepResult } from './step-context.ts';

export interface RunStepsInput {
  plan: RepairPlan;
  repairId: string;
  context: StepContext;
  emit: (progress: RepairProgress) => void;
  /** Steps not started when it aborts are skipped. */
  signal?: AbortSignal;
}

/**
 * Runs the plan's steps one at a time in plan order. A step whose prerequisite (`after`) did not succeed is
 * skipped: starting a dependent of a dependency that failed to start would only fail again. Never rejects.
 */
export async function runSteps({ plan, repairId, context, emit, signal }: RunStepsInput): Promise<StepOutcome[]> {
  const { clock } = context.ports;
  const outcomes: StepOutcome[] = [];
  const succeeded = new Set<string>();
  for (const [index, step] of plan.steps.entries()) {
    const blocked = step.after.find((id) => !succeeded.has(id));
    const skip = signal?.aborted ? 'cancelled before it started' : blocked ? `skipped: ${blocked} did not succeed` : undefined;
    if (skip) {
      const outcome: StepOutcome = { stepId: step.id, status: 'skipped', detail: skip, durationMs: 0, engineMs: 0 };
      outcomes.push(outcome);
      emit({ type: 'step-finished', repairId, outcome });
      continue;
    }
    emit({ type: 'step-started', repairId, stepId: step.id, index, title: step.title });
    const startedAt = clock.date().toISOString();
    const started = clock.now();
    context.takeEngineMs();
    const result = await runStep(context, step, plan.workspace);
    const outcome: StepOutcome = {
      stepId: step.id,
      status: result.ok ? 'succeeded' : 'failed',
      detail: result.detail,
      ...(result.ok ? {} : { error: result.error }),
      startedAt,
      durationMs: round(clock.now() - started),
      engineMs: round(context.takeEngineMs()),
    };
    if (result.ok) succeeded.add(step.id);
    outcomes.push(outcome);
    emit({ type: 'step-finished', repairId, outcome });
  }
  return outcomes;
}

async function runStep(context: StepContext, step: RepairStep, workspace: string): Promise<StepResult> {
  const action = step.action;
  try {
    switch (action.kind) {
      case 'start-container':
        return await startContainer(context, step);
      case 'restart-container':
        return await restartContainer(context, step);
      case 'network-connect':
        return await connectNetwork(context, step, action);
      case 'create-service':
        return await createService(context, action, action.params.composeFiles?.[0] ? dirname(action.params.composeFiles[0]) : workspace);
      case 'pin-orchestrator-target':
        return await pinTarget(context, action);
      case 'reset-breaker':
        return await resetBreaker(context, action);
      case 'start-devcontainer':
        return failed('NOT_SUPPORTED', 'dev containers are opened by your editor or the devcontainer CLI');
      default:
        return action satisfies never;
    }
  } catch (error) {
    // Runners turn expected failures into results; anything else still ends as this step's failure, not the run's.
    return failed('STEP_ERROR', errorMessage(error));
  }
}

/** Milliseconds to 0.1, for reports. */
export function round(ms: number): number {
  return Math.max(0, Math.round(ms * 10) / 10);
}
