import type { RepairPlan, RepairProgress, RepairReport, RepairScoreboard, SmokeScoreboard } from '../../../shared/model/index.ts';
import { endVerdict } from '../../core/repair/repair-scoreboard.ts';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The preview: steps in order with what they answer, their command, lasting change, risk and undo; then "needs you". */
export function formatRepairPlan(plan: RepairPlan): string {
  const out: string[] = [`Repair plan ${plan.id} for ${plan.workspace} (verdict now: ${plan.verdict})`, ''];
  if (plan.steps.length === 0) out.push('No step: nothing here is something Stack Doctor can repair.');
  for (const step of plan.steps) {
    out.push(`${step.id}. ${step.title}  [risk: ${step.risk.level}]`);
    out.push(`    ${step.effect}`);
    for (const answer of step.answers) out.push(`    answers ${answer.id}: ${answer.summary}`);
    if (step.command) out.push(`    runs:   ${step.command}`);
    if (step.lasting) out.push(`    lasting change:`, ...step.lasting.split('\n').map((line) => `      ${line}`));
    out.push(`    risk:   ${step.risk.reason}`);
    out.push(`    undo:   ${step.undo.possible ? (step.undo.command ?? step.undo.how) : `not possible: ${step.undo.how}`}`);
  }
  if (plan.needsYou.length > 0) {
    out.push('', `Needs you (${plural(plan.needsYou.length, 'finding')} Stack Doctor will not touch):`);
    for (const item of plan.needsYou) {
      out.push(`  - ${item.finding.id} ${item.finding.subject}: ${item.finding.summary}`);
      out.push(`    why: ${item.why}`);
      out.push(`    fix: ${item.fix}`);
      if (item.command) out.push(`    run: ${item.command}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** One progress line, or null for events the scoreboard says better. */
export function formatRepairProgress(progress: RepairProgress, total: number): string | null {
  switch (progress.type) {
    case 'started':
      return `running ${plural(progress.steps, 'step')}…`;
    case 'step-started':
      return `[${progress.index + 1}/${total}] ${progress.title}…`;
    case 'step-finished': {
      const o = progress.outcome;
      return `      ${o.status} in ${Math.round(o.durationMs)} ms: ${o.detail}`;
    }
    case 'verifying':
      return `verifying by ${progress.by === 'smoke' ? 'the smoke suites' : 'a fresh diagnosis'}…`;
    case 'refused':
      return progress.reason;
    case 'finished':
      return null;
  }
}

/** Before/after: verdicts, findings closed, remaining and new, time taken. */
export function formatScoreboard(board: RepairScoreboard): string {
  const t = board.timing;
  const out = [
    '',
    `Result: ${board.result.toUpperCase()}  ${board.before.verdict} → ${board.after.verdict}${
      endVerdict(board) === board.after.verdict ? '' : ` (${endVerdict(board)}: a smoke check failed)`
    }`,
    `Steps: ${board.steps.succeeded} succeeded, ${board.steps.failed} failed, ${board.steps.skipped} skipped`,
    `Closed (${board.closed.length}):`,
    ...board.closed.map((f) => `  ✔ ${f.id} ${f.subject}`),
    `Remaining (${board.remaining.length}):`,
    ...board.remaining.map((f) => `  - ${f.id} ${f.subject}: ${f.summary}`),
    ...(board.appeared.length > 0
      ? [`New (${board.appeared.length}):`, ...board.appeared.map((f) => `  ! ${f.id} ${f.subject}: ${f.summary}`)]
      : []),
    ...smokeLines(board.smoke),
    `Time: ${Math.round(t.totalMs)} ms (engine ${Math.round(t.engineMs)}, diagnosis ${Math.round(t.diagnosisMs)}, smoke ${Math.round(t.smokeMs)}, tool ${Math.round(t.toolMs)})`,
  ];
  return `${out.join('\n')}\n`;
}

/** The report's closing lines: where it was written. */
export function formatReportFiles(report: RepairReport, files: { json: string; markdown: string } | null, error?: string): string {
  if (!files) return `Report ${report.id} could not be written: ${error ?? 'unknown error'}\n`;
  return `Report: ${files.markdown}\n        ${files.json}\n`;
}

/** The verification suites: counts, then every check that did not pass with its reason. */
function smokeLines(smoke: SmokeScoreboard | null): string[] {
  if (!smoke) return ['Smoke: no suite declared'];
  const head = `Smoke: ${smoke.passed}/${smoke.total} passed, ${smoke.failed} failed, ${smoke.errors} errors, ${smoke.skipped} skipped${smoke.cancelled ? ' (cancelled)' : ''}`;
  const bad = smoke.results.filter((r) => r.result === 'fail' || r.result === 'error');
  return [head, ...bad.map((r) => `  ✘ ${r.suite} / ${r.check}: ${r.result}${r.reason ? `: ${r.reason}` : ''}`)];
}
