import pc from 'picocolors';
import { commandLine } from '../../../shared/command/fix-command.ts';
import {
  compareFindings,
  nameProblem,
  type Diagnosis,
  type Finding,
  type MatrixTarget,
  type Reachability,
} from '../../../shared/model/index.ts';

export interface ReportOptions {
  /** ANSI colours; the CLI enables them only on a TTY without `--no-color`. */
  color: boolean;
}

type Colors = ReturnType<typeof pc.createColors>;

const verdictMark = { healthy: '✔', degraded: '▲', unhealthy: '✖' } as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function verdictLine(d: Diagnosis, c: Colors): string {
  const paint = { healthy: c.green, degraded: c.yellow, unhealthy: c.red }[d.verdict];
  const count = (severity: Finding['severity']) => d.findings.filter((f) => f.severity === severity).length;
  const counts = [plural(count('error'), 'error'), plural(count('warning'), 'warning'), `${count('info')} info`];
  // An invalid config stops the run before any probe (exit 3): calling that "unhealthy" would be a verdict on
  // a stack that was never looked at.
  const notDiagnosed = d.findings.some((f) => f.id === 'CONFIG_INVALID');
  const head = notDiagnosed
    ? c.red(c.bold('✖ NOT DIAGNOSED (invalid configuration)'))
    : paint(c.bold(`${verdictMark[d.verdict]} ${d.verdict.toUpperCase()}`));
  return `${head}  ${counts.join(', ')} · ${plural(d.services.length, 'service')} · ${Math.round(d.durationMs)} ms`;
}

function yesNo(value: boolean | null, c: Colors): string {
  if (value === null) return c.dim('–');
  return value ? c.green('yes') : c.red('no');
}

function reach(label: string, r: Reachability, c: Colors): string {
  const note = r.note ? ` ${c.dim(r.note)}` : '';
  return `${label} resolves ${yesNo(r.resolves, c)}, answers ${yesNo(r.answers, c)} [${r.basis}]${note}`;
}

/**
 * The mark the diagnosis puts in a host note when the failure is by design (a docker alias does not resolve
 * outside Docker's networks, core/diagnosis/truth-matrix.ts): such a cell reads neutral, never as a failure.
 */
const EXPECTED_FROM_HOST = 'expected from the host';

function hostReach(r: Reachability, c: Colors): string {
  if (r.resolves === false && r.note.includes(EXPECTED_FROM_HOST)) return `from host:      ${c.dim(`– ${r.note}`)}`;
  return reach('from host:     ', r, c);
}

function targetLines(t: MatrixTarget, c: Colors): string[] {
  return [
    `    ${c.bold(t.consumer)} → ${t.url} ${c.dim(`(${t.source})`)}`,
    `      ${reach('from container:', t.fromContainer, c)}`,
    `      ${hostReach(t.fromHost, c)}`,
  ];
}

function contextLines(d: Diagnosis, c: Colors): string[] {
  const o = d.orchestrator;
  const signals = d.runtime.signals.length > 0 ? d.runtime.signals.join(', ') : 'no container signals';
  const engine = d.engine.ok
    ? `${c.green('reachable')} at ${d.engine.endpoint}${d.engine.version ? ` (Docker ${d.engine.version})` : ''}`
    : `${c.red('unreachable')} at ${d.engine.endpoint}${d.engine.probe.error ? `: ${d.engine.probe.error.message}` : ''}`;
  const decision =
    o.decision === 'unresolvable'
      ? c.red(o.decision)
      : o.decision === 'localhost-fallback' || o.decision === 'not-checked'
        ? c.yellow(o.decision)
        : c.green(o.decision);
  // A stack without an orchestrator says so once, neutral: nothing was probed and nothing is missing.
  const orchestrator =
    o.present === false
      ? [`Orchestrator: ${c.dim(o.reason)}`]
      : [
          `Orchestrator: ${decision} → ${o.resolvedUrl ?? c.red('none')} (configured ${o.configuredUrl} from ${o.configuredFrom})`,
          `              ${o.reason}`,
        ];
  return [
    `Runtime:      Stack Doctor runs on ${c.bold(d.runtime.kind)} (${d.runtime.hostname}; ${signals})`,
    `Workspace:    ${d.workspace}`,
    `Engine:       ${engine}${d.engine.context ? ` [context ${d.engine.context}]` : ''}`,
    ...orchestrator,
  ];
}

function matrixLines(d: Diagnosis, c: Colors): string[] {
  if (d.projects.length === 0) return [c.bold('Runtime truth matrix'), '  no compose project or devcontainer found in this workspace'];
  const lines = [c.bold('Runtime truth matrix')];
  for (const p of d.projects) {
    const files = p.files.length > 0 ? p.files.join(', ') : 'no files (found by container labels)';
    lines.push(`  ${c.bold(p.name)} (${p.kind}) · containers ${p.containersUp}/${p.containersTotal} up · ${files}`);
    if (p.targets.length === 0) lines.push(`    ${c.dim('no backend targets configured')}`);
    for (const t of p.targets) lines.push(...targetLines(t, c));
  }
  return lines;
}

/** Continuation lines of a multi-line text (a compose snippet, a list of projects) stay under their label. */
function indented(text: string): string {
  return text.replace(/\n/g, `\n${' '.repeat(12)}`);
}

function findingLines(f: Finding, c: Colors): string[] {
  const paint = { error: c.red, warning: c.yellow, info: c.cyan }[f.severity];
  const lines = [
    `  ${paint(f.severity.toUpperCase().padEnd(7))} ${c.bold(f.id)} ${f.subject}: ${f.summary}`,
    `          cause: ${indented(f.cause)}`,
    `          fix:   ${indented(f.fix.description)}`,
  ];
  if (f.fix.command) lines.push(`          run:   ${c.cyan(f.fix.command)}`);
  if (f.fix.lasting) lines.push(`          lasting fix: ${indented(f.fix.lasting)}`);
  return lines;
}

function otherProjectLines(d: Diagnosis, c: Colors): string[] {
  if (d.otherProjects.length === 0) return [];
  const lines = [c.bold('Other compose projects on this engine'), '  Nothing matched the workspace; pick one with --project NAME:'];
  for (const p of d.otherProjects) {
    const where = p.workingDir ? ` (${p.workingDir})` : '';
    // Project names come from container labels: one that cannot be valid is shown as text, never as a command.
    const command = commandLine({ kind: 'check-project', params: { project: p.name } }) ?? nameProblem('project', p.name);
    lines.push(`  ${command}   ${c.dim(`${plural(p.containers, 'container')}${where}`)}`);
  }
  return lines;
}

/** The human report of `stack-doctor check`: verdict line first, then context, matrix, findings worst first. */
export function formatCheckReport(diagnosis: Diagnosis, options: ReportOptions): string {
  const c = pc.createColors(options.color);
  const findings = [...diagnosis.findings].sort(compareFindings);
  const sections = [
    [verdictLine(diagnosis, c)],
    contextLines(diagnosis, c),
    matrixLines(diagnosis, c),
    findings.length > 0 ? [c.bold('Findings (worst first)'), ...findings.flatMap((f) => findingLines(f, c))] : [c.green('No findings.')],
    otherProjectLines(diagnosis, c),
  ];
  return `${sections
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n'))
    .join('\n\n')}\n`;
}
