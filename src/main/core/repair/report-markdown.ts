import type { FindingRef, RepairReport, RepairStep, StepOutcome } from '../../../shared/model/index.ts';

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
      ...refList('Closed', scoreboard.closed),
      ...refList('Remaining', scoreboard.remaining),
      ...refList('Appeared', scoreboard.appeared),
      `Steps: ${scoreboard.steps.succeeded} succeeded, ${scoreboard.steps.failed} failed, ${scoreboard.steps.skipped} skipped.`,
      scoreboard.smoke
        ? `Smoke: ${scoreboard.smoke.passed}/${scoreboard.smoke.total} passed, ${scoreboard.smoke.failed} failed, ${scoreboard.smoke.errors} errors.`
        : 'Smoke: no suite declared.',
      '',
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
