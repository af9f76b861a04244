import { compareFindings, type Diagnosis, type Finding, type FindingId, type Severity, type Verdict } from '../../shared/model/index.ts';

export type TrayIconState = Verdict | 'checking';

/** `repair-stack`: opens the dashboard's Repair view (the plan, to confirm there). */
export type TrayAction = 'check-now' | 'open-dashboard' | 'repair-stack' | 'quit' | { kind: 'open-finding'; id: FindingId };

/** A menu entry as plain data, so the menu is testable without Electron; tray.ts maps it to a Menu. */
export type TrayMenuItem = { type: 'normal'; label: string; enabled: boolean; action?: TrayAction } | { type: 'separator' };

export interface TrayMenuState {
  diagnosis: Diagnosis | null;
  checking: boolean;
}

export interface TrayMenu {
  icon: TrayIconState;
  tooltip: string;
  items: TrayMenuItem[];
}

/** How many findings the menu lists before "and N more…". */
export const TRAY_MAX_FINDINGS = 5;
/** Longest finding label, in characters, before it is cut with an ellipsis. */
export const TRAY_LABEL_MAX = 60;

const verdictWord: Record<Verdict, string> = { healthy: 'Healthy', degraded: 'Degraded', unhealthy: 'Unhealthy' };
const severityMark: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };

/** Cuts on code points (never inside a surrogate pair) and ends with `…` when cut. */
export function truncateLabel(text: string, max = TRAY_LABEL_MAX): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(oneLine);
  if (chars.length <= max) return oneLine;
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `2 errors, 1 warning` — info findings are not counted as problems. */
export function countsLine(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const parts = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no problems';
}

function verdictLine({ diagnosis, checking }: TrayMenuState): string {
  if (!diagnosis) return checking ? 'Checking your stack…' : 'Not checked yet';
  const line = `${verdictWord[diagnosis.verdict]} — ${countsLine(diagnosis.findings)}`;
  return checking ? `${line} (checking…)` : line;
}

/** Diagnosis + checking flag → the tray's icon, tooltip and menu. Pure. */
export function buildTrayMenu(state: TrayMenuState): TrayMenu {
  const { diagnosis, checking } = state;
  const icon: TrayIconState = checking || !diagnosis ? 'checking' : diagnosis.verdict;
  const line = verdictLine(state);
  const items: TrayMenuItem[] = [{ type: 'normal', label: line, enabled: false }];

  const findings = diagnosis ? [...diagnosis.findings].sort(compareFindings) : [];
  if (findings.length > 0) {
    items.push({ type: 'separator' });
    for (const finding of findings.slice(0, TRAY_MAX_FINDINGS)) {
      items.push({
        type: 'normal',
        label: `${severityMark[finding.severity]} ${truncateLabel(finding.summary)}`,
        enabled: true,
        action: { kind: 'open-finding', id: finding.id },
      });
    }
    const rest = findings.length - TRAY_MAX_FINDINGS;
    if (rest > 0) items.push({ type: 'normal', label: `and ${rest} more…`, enabled: true, action: 'open-dashboard' });
    // Offered once the last check found something to act on; not while a check runs (the plan would be stale).
    if (diagnosis && diagnosis.verdict !== 'healthy') {
      items.push({ type: 'normal', label: 'Repair stack…', enabled: !checking, action: 'repair-stack' });
    }
  }

  items.push(
    { type: 'separator' },
    { type: 'normal', label: 'Check now', enabled: !checking, action: 'check-now' },
    { type: 'normal', label: 'Open dashboard', enabled: true, action: 'open-dashboard' },
    { type: 'separator' },
    { type: 'normal', label: 'Quit Stack Doctor', enabled: true, action: 'quit' },
  );

  return { icon, tooltip: `Stack Doctor: ${line}`, items };
}
