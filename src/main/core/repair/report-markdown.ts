import type { FindingRef, RepairReport, RepairStep, SmokeScoreboard, StepOutcome } from '../../../shared/model/index.ts';
import { endVerdict } from './repair-scoreboard.ts';

/** The report as Markdown, for people: what was planned, what ran, before and after. Pass it a redacted report. */
export function reportMarkdown(report: RepairReport): string {
  const { plan, scoreboard } = report;
  const lines = [
    `# Stack Doctor repair ${report.id}`,
    '',
    `- Workspace: \`${plan.workspace}\``,
    `- Started: ${report.startedAt}`,
    `- Status: **${report.status}**${scoreboard ? `, result **${scoreboard.result}**` : ''}`,
    `- Correlation ids: repair \`${report.correlationIds.repair}\`, plan \`${report.correlationIds.plan}\`, before \`${report.correlationIds.before ?? '-'}\`, after \`${report.correlationIds.after ?? '-'}\``,
    '',
  ];
  if (report.refusal) lines.push('## Refused', '', report.refusal, '');
  lines.push('## Steps', '');
  if (plan.steps.length === 0) lines.push('No step: nothing a repair may change.', '');
  for (const step of plan.steps)
    lines.push(
      ...stepSection(
        step,
        report.outcomes.find((o) => o.stepId === step.id),
      ),
    );
  lines.push('## Needs you', '');
  if (plan.needsYou.length === 0) lines.push('Nothing.', '');
  for (const item of plan.needsYou) {
    lines.push(`- **${item.finding.id}** ${item.finding.subject}: ${item.finding.summary}`, `  - Why not repaired: ${item.why}`);
    lines.push(`  - Fix: ${item.fix}`);
    if (item.command) lines.push(`  - Command: \`${item.command}\``);
  }
  lines.push('');
  if (scoreboard) {
    const t = scoreboard.timing;
    lines.push(
      '## Before and after',
      '',
      `| | verdict | findings |`,
      `|---|---|---|`,
      `| before | ${scoreboard.before.verdict} | ${scoreboard.before.findings.length} |`,
      `| after | ${scoreboard.after.verdict} | ${scoreboard.after.findings.length} |`,
      '',
      `Verdict at the end: **${endVerdict(scoreboard)}**${endVerdict(scoreboard) !== scoreboard.after.verdict ? ' (a smoke check failed)' : ''}.`,
      '',
      ...refList('Closed', scoreboard.closed),
      ...refList('Remaining', scoreboard.remaining),
      ...refList('Appeared', scoreboard.appeared),
      `Steps: ${scoreboard.steps.succeeded} succeeded, ${scoreboard.steps.failed} failed, ${scoreboard.steps.skipped} skipped.`,
      '',
      ...smokeSection(scoreboard.smoke),
      `Time: ${t.totalMs} ms in all; engine ${t.engineMs} ms, diagnoses ${t.diagnosisMs} ms, smoke ${t.smokeMs} ms, Stack Doctor itself ${t.toolMs} ms.`,
      '',
    );
  }
  lines.push('## Log', '', '```', ...(report.log.length > 0 ? report.log : ['(no log lines)']), '```', '');
  return lines.join('\n');
}

function stepSection(step: RepairStep, outcome: StepOutcome | undefined): string[] {
  const lines = [
    `### ${step.id}. ${step.title} — ${outcome ? outcome.status : 'not run'}`,
    '',
    step.effect,
    '',
    ...(step.command ? [`- Command: \`${step.command}\``] : []),
    `- Answers: ${step.answers.map((f) => `${f.id} ${f.subject}`).join('; ') || 'no finding'}`,
    `- Risk: ${step.risk.level}: ${step.risk.reason}`,
    `- Undo: ${step.undo.how}${step.undo.command ? ` \`${step.undo.command}\`` : ''}`,
    `- Verified by: ${step.verify}`,
    ...(step.after.length > 0 ? [`- After: ${step.after.join(', ')}`] : []),
  ];
  if (outcome) lines.push(`- Outcome: ${outcome.detail} (${outcome.durationMs} ms, engine ${outcome.engineMs} ms)`);
  if (step.lasting) lines.push('- Lasting change:', '', '```', step.lasting, '```');
  lines.push('');
  return lines;
}

function refList(title: string, refs: readonly FindingRef[]): string[] {
  if (refs.length === 0) return [`${title}: none.`, ''];
  return [`${title}:`, '', ...refs.map((f) => `- ${f.id} ${f.subject}: ${f.summary}`), ''];
}

/** The verification suites: counts, then one row per check (every row, so a passing journey shows as proof too). */
function smokeSection(smoke: SmokeScoreboard | null): string[] {
  if (!smoke) return ['Smoke: no suite declared (the fresh diagnosis alone verified).', ''];
  const lines = [
    `Smoke: ${smoke.passed}/${smoke.total} passed, ${smoke.failed} failed, ${smoke.errors} errors, ${smoke.skipped} skipped${smoke.cancelled ? ' (cancelled)' : ''}.`,
    '',
  ];
  if (smoke.results.length === 0) return lines;
  lines.push('| suite | check | result | time | reason |', '|---|---|---|---|---|');
  for (const r of smoke.results) {
    lines.push(`| ${cell(r.suite)} | ${cell(r.check)} | ${r.result} | ${Math.round(r.durationMs)} ms | ${cell(r.reason ?? '')} |`);
  }
  lines.push('');
  return lines;
}

/** A table cell: no pipe or line break may end it early. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
