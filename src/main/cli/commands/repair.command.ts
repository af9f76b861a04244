import { resolve } from 'node:path';
import type { RepairExecution } from '../../../shared/contract/index.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import type { DiagnosisSummary, RepairPlan, SmokeScoreboard, StepOutcome, Verdict } from '../../../shared/model/index.ts';
import { DiagnoseInputError } from '../../core/errors.ts';
import { endVerdict } from '../../core/repair/repair-scoreboard.ts';
import type { CliDeps } from '../cli-deps.ts';
import { ExitCode, type ExitCodeValue } from '../exit-codes.ts';
import { formatRepairPlan, formatRepairProgress, formatReportFiles, formatScoreboard } from '../format/repair-report.ts';
import { reportFailure } from './check.command.ts';

export interface RepairOptions {
  workspace?: string;
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
  verbose?: boolean;
}

/**
 * `--json`: one object. `status` says how far it went; `steps` are the outcomes (empty when nothing ran); `smoke` the
 * verification suites' scoreboard (null: none declared, or nothing ran); `verdict` the stack's verdict at the end
 * (the after-diagnosis's, made `degraded` from `healthy` by a failing smoke check), which the exit code follows.
 */
interface RepairJson {
  status: 'previewed' | 'completed' | 'refused' | 'cancelled' | 'busy';
  plan: RepairPlan;
  steps: StepOutcome[];
  before: DiagnosisSummary | null;
  after: DiagnosisSummary | null;
  smoke: SmokeScoreboard | null;
  verdict: Verdict;
  result: string | null;
  refusal?: string;
  replanned?: RepairPlan;
  report: { id: string; json: string | null; markdown: string | null } | null;
}

/** A plan made from a config that could not be read is no plan: exit 3 like `check`. */
function notDiagnosable(plan: RepairPlan): boolean {
  return plan.needsYou.some((item) => item.finding.id === 'CONFIG_INVALID');
}

const codeOf = (verdict: Verdict): ExitCodeValue => ExitCode[verdict];

/**
 * `stack-doctor repair`: preview the plan; execute it with `--yes`, or after a yes on a TTY; without a TTY and
 * without `--yes` it only previews. Exit 0/1/2 by the stack's verdict at the end (a failing smoke check of the
 * verification makes `healthy` exit 1), 3 when it could not diagnose, 130 on Ctrl-C (steps not started are skipped,
 * a wait in flight stops, what was done is printed and reported).
 */
export async function runRepair(deps: CliDeps, options: RepairOptions): Promise<ExitCodeValue> {
  const verbose = options.verbose ?? false;
  const app = deps.openApp({ verbose });
  const out = (text: string) => (options.json ? deps.stderr : deps.stdout).write(text);
  const interrupt = new AbortController();
  let cancelRun = (): boolean => false;
  const interruption = deps.onInterrupt?.(() => {
    deps.stderr.write(`\nstack-doctor: interrupted, ${cancelRun() ? 'cancelling the repair' : 'stopping'}…\n`);
    interrupt.abort();
  });
  try {
    const { repair } = await app.services();
    cancelRun = () => repair.cancel();
    const plan = await untilInterrupted(repair.preview(resolve(deps.cwd, options.workspace ?? '.')), interrupt.signal);
    if (plan === INTERRUPTED) {
      deps.stderr.write('stack-doctor: interrupted while diagnosing: nothing was touched\n');
      return ExitCode.interrupted;
    }
    const previewed: RepairJson = {
      status: 'previewed',
      plan,
      steps: [],
      before: null,
      after: null,
      smoke: null,
      verdict: plan.verdict,
      result: null,
      report: null,
    };
    if (!options.json) deps.stdout.write(formatRepairPlan(plan));
    if (notDiagnosable(plan)) {
      if (options.json) deps.stdout.write(`${JSON.stringify(previewed, null, 2)}\n`);
      return reportFailure(deps, 'invalid stack config: nothing was touched', null, verbose);
    }
    const go = plan.steps.length > 0 && !options.dryRun && (options.yes || (await ask(deps, plan)));
    if (interrupt.signal.aborted) {
      deps.stderr.write('stack-doctor: interrupted before the repair started: nothing was touched\n');
      return ExitCode.interrupted;
    }
    if (!go) {
      if (plan.steps.length > 0 && !options.dryRun && !options.yes && !deps.confirm) {
        out('Not a terminal: previewed only. Run again with --yes to carry out the plan.\n');
      }
      if (options.json) deps.stdout.write(`${JSON.stringify(previewed, null, 2)}\n`);
      return codeOf(plan.verdict);
    }
    const progress = repair.onProgress((event) => {
      const line = formatRepairProgress(event, plan.steps.length);
      if (line) out(`${line}\n`);
    });
    let ran: RepairExecution;
    try {
      ran = await repair.execute({ planId: plan.id, fingerprint: plan.fingerprint });
    } finally {
      progress.dispose();
    }
    if (ran.status !== 'ran') {
      deps.stderr.write(`stack-doctor: ${ran.message}\n`);
      if (options.json) deps.stdout.write(`${JSON.stringify({ ...previewed, status: 'busy' }, null, 2)}\n`);
      return codeOf(plan.verdict);
    }
    const { report, files } = ran;
    const board = report.scoreboard;
    // Refused: nothing ran, the stack is as the re-plan saw it.
    const verdict = board ? endVerdict(board) : (report.replanned?.verdict ?? plan.verdict);
    if (options.json) {
      const json: RepairJson = {
        status: report.status,
        plan,
        steps: report.outcomes,
        before: board?.before ?? null,
        after: board?.after ?? null,
        smoke: board?.smoke ?? null,
        verdict,
        result: board?.result ?? null,
        ...(report.refusal ? { refusal: report.refusal } : {}),
        ...(report.replanned ? { replanned: report.replanned } : {}),
        report: { id: report.id, json: files?.json ?? null, markdown: files?.markdown ?? null },
      };
      deps.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      if (board) deps.stdout.write(formatScoreboard(board));
      deps.stdout.write(formatReportFiles(report, files, ran.reportError));
    }
    if (interrupt.signal.aborted) {
      const done = report.outcomes.filter((o) => o.status !== 'skipped').length;
      deps.stderr.write(
        `stack-doctor: interrupted: ${done} of ${plan.steps.length} step(s) ran, the rest were skipped (${report.status})\n`,
      );
      return ExitCode.interrupted;
    }
    return codeOf(verdict);
  } catch (error) {
    if (error instanceof DiagnoseInputError) return reportFailure(deps, error.message, error, verbose);
    app.logger.error({ err: errorMessage(error) }, 'repair failed unexpectedly');
    return reportFailure(deps, `could not repair: ${errorMessage(error)}`, error, verbose);
  } finally {
    interruption?.dispose();
    await app.dispose();
  }
}

const INTERRUPTED = Symbol('interrupted');

/** The work's value, or INTERRUPTED as soon as `signal` aborts (the work goes on; the app's dispose ends it). */
function untilInterrupted<T>(work: Promise<T>, signal: AbortSignal): Promise<T | typeof INTERRUPTED> {
  if (signal.aborted) return Promise.resolve(INTERRUPTED);
  return new Promise((resolve, reject) => {
    const stop = (): void => resolve(INTERRUPTED);
    signal.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

async function ask(deps: CliDeps, plan: RepairPlan): Promise<boolean> {
  if (!deps.confirm) return false;
  return deps.confirm(`Carry out ${plan.steps.length === 1 ? 'this step' : `these ${plan.steps.length} steps`}? [y/N] `);
}
