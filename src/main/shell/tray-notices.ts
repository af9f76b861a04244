import type { RepairExecution } from '../../shared/contract/index.ts';
import type { BundleResult, RepairPlan } from '../../shared/model/index.ts';
import { endVerdict } from '../core/repair/repair-scoreboard.ts';
import type { SmokeServiceRun } from '../app/smoke-service.ts';

/** A desktop notification as plain data; the Electron face shows it. */
export interface TrayNotice {
  title: string;
  body: string;
}

/** A native yes/no question as plain data (Electron's `dialog.showMessageBox` in the face). */
export interface TrayQuestion {
  title: string;
  message: string;
  detail: string;
  confirmLabel: string;
}

/** How many names a notice lists before "and N more". */
const LISTED = 3;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function list(names: readonly string[]): string {
  const shown = names.slice(0, LISTED).join(', ');
  return names.length > LISTED ? `${shown} and ${names.length - LISTED} more` : shown;
}

/**
 * A plan the tray may carry out after a native confirmation: it has steps and every one is low risk (start a
 * container that exited cleanly or was never started, connect a network, pin a setting, reset a breaker). Anything
 * else (a restart, a create, a start after a crash) is reviewed in the dashboard's Repair view.
 */
export function isSafePlan(plan: RepairPlan): boolean {
  return plan.steps.length > 0 && plan.steps.every((step) => step.risk.level === 'low');
}

/** The confirmation of a safe plan: each step's title, and what it leaves to the user. */
export function repairQuestion(plan: RepairPlan): TrayQuestion {
  const steps = plan.steps.map((step, i) => `${i + 1}. ${step.title}`);
  const needsYou =
    plan.needsYou.length > 0
      ? [``, `Left to you (${plural(plan.needsYou.length, 'finding')}): ${list(plan.needsYou.map((n) => n.finding.id))}`]
      : [];
  return {
    title: 'Repair stack',
    message: `Carry out ${plan.steps.length === 1 ? 'this safe step' : `these ${plan.steps.length} safe steps`}?`,
    detail: [...steps, ...needsYou, '', 'Every step can be undone; the report says how.'].join('\n'),
    confirmLabel: 'Repair',
  };
}

/** The result of a tray repair: before → after verdict, findings closed and remaining, the smoke suites. */
export function repairNotice(execution: RepairExecution): TrayNotice {
  if (execution.status !== 'ran') return { title: 'Repair not run', body: execution.message };
  const { report } = execution;
  if (report.status === 'refused') {
    return { title: 'Repair refused: the stack changed', body: 'Nothing was touched. The Repair view shows the new plan.' };
  }
  const board = report.scoreboard;
  if (!board) return { title: `Repair ${report.status}`, body: 'No before/after scoreboard.' };
  const closed = board.closed.map((f) => f.id);
  const end = endVerdict(board);
  const parts = [
    closed.length > 0 ? `Closed ${plural(closed.length, 'finding')}: ${list(closed)}.` : 'No finding closed.',
    board.remaining.length > 0 ? `${plural(board.remaining.length, 'finding')} remaining.` : '',
    board.steps.failed > 0 ? `${plural(board.steps.failed, 'step')} failed.` : '',
    board.smoke ? `Smoke: ${board.smoke.passed}/${board.smoke.total} passed.` : '',
  ];
  const what = report.status === 'cancelled' ? 'Repair cancelled' : `Repair ${board.result}`;
  return { title: `${what}: ${board.before.verdict} → ${end}`, body: parts.filter(Boolean).join(' ') };
}

/** The result of a tray smoke run: pass/fail counts and the checks that did not pass. */
export function smokeNotice(run: SmokeServiceRun): TrayNotice {
  if (!run.ok) return { title: 'Smoke tests could not run', body: run.error.message };
  const { scoreboard: s } = run.record;
  const bad = s.results.filter((r) => r.result === 'fail' || r.result === 'error').map((r) => `${r.suite}/${r.check}`);
  const title = bad.length === 0 ? `Smoke tests passed: ${s.passed}/${s.total}` : `Smoke tests failed: ${s.passed}/${s.total} passed`;
  const counts = `${s.passed} passed, ${s.failed} failed, ${s.errors} errors, ${s.skipped} skipped.`;
  return { title, body: bad.length === 0 ? counts : `${counts} Not passing: ${list(bad)}.` };
}

export function bundleNotice(result: BundleResult): TrayNotice {
  return {
    title: 'Diagnostics bundle saved',
    body: `${result.path} (${Math.max(1, Math.round(result.bytes / 1024))} KiB, secrets redacted)`,
  };
}

/** Something the tray started failed unexpectedly (a rejected promise): say what, never stay silent. */
export function failureNotice(what: string, message: string): TrayNotice {
  return { title: `${what} failed`, body: message };
}
