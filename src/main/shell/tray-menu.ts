import {
  compareFindings,
  type Diagnosis,
  type Finding,
  type Severity,
  type SupervisionStatus,
  type Verdict,
} from '../../shared/model/index.ts';
import { activityLine, IDLE, type TrayWork } from './tray-activity.ts';
import type { TrayMenuItem } from './tray-menu-item.ts';
import { servicesItems } from './tray-services.ts';
import { supervisionItems } from './tray-supervision.ts';

export type { TrayAction, TrayMenuItem } from './tray-menu-item.ts';

export type TrayIconState = Verdict | 'checking';

export interface TrayMenuState {
  diagnosis: Diagnosis | null;
  checking: boolean;
  /** The supervisor's status; absent (or null) in a host that does not supervise: no supervision section. */
  supervision?: SupervisionStatus | null;
  /** What the tray itself is doing (a repair, a smoke run, a bundle, service actions); absent: nothing. */
  work?: TrayWork;
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

function findingItems(diagnosis: Diagnosis | null): TrayMenuItem[] {
  const findings = diagnosis ? [...diagnosis.findings].sort(compareFindings) : [];
  const items: TrayMenuItem[] = findings.slice(0, TRAY_MAX_FINDINGS).map((finding) => ({
    type: 'normal',
    label: `${severityMark[finding.severity]} ${truncateLabel(finding.summary)}`,
    enabled: true,
    action: { kind: 'open-finding', id: finding.id },
  }));
  const rest = findings.length - TRAY_MAX_FINDINGS;
  if (rest > 0) items.push({ type: 'normal', label: `and ${rest} more…`, enabled: true, action: 'open-dashboard' });
  return items;
}

/**
 * Offered once the last check found something to act on; not while a check runs (the plan would be stale) nor while
 * the tray is busy with another activity.
 */
function repairItems(diagnosis: Diagnosis | null, checking: boolean, busy: boolean): TrayMenuItem[] {
  if (!diagnosis || diagnosis.verdict === 'healthy' || diagnosis.findings.length === 0) return [];
  return [{ type: 'normal', label: 'Repair stack…', enabled: !checking && !busy, action: 'repair-stack' }];
}

/**
 * Diagnosis + checking flag + supervision + the tray's own work → the tray's icon, tooltip and menu. Pure. The menu
 * is a list of sections joined by separators (verdict and activity, findings and repair, services, supervision,
 * actions, quit); an empty section disappears.
 */
export function buildTrayMenu(state: TrayMenuState): TrayMenu {
  const { diagnosis, checking, supervision } = state;
  const work = state.work ?? IDLE;
  const busy = work.activity !== null;
  const icon: TrayIconState = checking || !diagnosis ? 'checking' : diagnosis.verdict;
  const line = verdictLine(state);
  const doing = work.activity ? activityLine(work.activity) : null;
  const sections: TrayMenuItem[][] = [
    [{ type: 'normal', label: line, enabled: false }, ...(doing ? [{ type: 'normal' as const, label: doing, enabled: false }] : [])],
    [...findingItems(diagnosis), ...repairItems(diagnosis, checking, busy)],
    servicesItems(diagnosis, supervision ?? null, work),
    supervision ? supervisionItems(supervision) : [],
    [
      { type: 'normal', label: 'Run smoke tests', enabled: !busy, action: 'run-smoke' },
      { type: 'normal', label: 'Save diagnostics bundle…', enabled: !busy, action: 'save-bundle' },
      { type: 'normal', label: 'Check now', enabled: !checking, action: 'check-now' },
      { type: 'normal', label: 'Open dashboard', enabled: true, action: 'open-dashboard' },
    ],
    [{ type: 'normal', label: 'Quit Stack Doctor', enabled: true, action: 'quit' }],
  ];
  const items = sections.filter((section) => section.length > 0).flatMap((section, i) => (i === 0 ? section : [SEPARATOR, ...section]));
  const paused = supervision?.started && supervision.paused ? ' · supervision paused' : '';
  return { icon, tooltip: `Stack Doctor: ${doing ?? line}${paused}`, items };
}

const SEPARATOR: TrayMenuItem = { type: 'separator' };
