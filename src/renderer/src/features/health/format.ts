import type { Reachability } from '../../../../shared/model/index.ts';

/** `842 ms`, `1.4 s`, `2 min 5 s`: latencies and durations at a glance. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds > 0 ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/** `just now`, `12 s ago`, `3 min ago`, `2 h ago`; an unparsable date reads as `—`. */
export function formatAge(iso: string, nowMs: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '—';
  const seconds = Math.max(0, Math.round((nowMs - then) / 1000));
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

export type Tri = 'yes' | 'no' | 'unknown';

/** A nullable boolean from the matrix as a three-way state for the yes/no/unknown chips. */
export function tri(value: boolean | null): Tri {
  return value === null ? 'unknown' : value ? 'yes' : 'no';
}

/** One line for a reachability cell's tooltip: `resolves, answers · shares network shop_backend (topology)`. */
export function reachabilitySummary(reach: Reachability): string {
  const word = (value: boolean | null, yes: string, no: string) => (value === null ? `${yes}?` : value ? yes : no);
  const facts = `${word(reach.resolves, 'resolves', 'does not resolve')}, ${word(reach.answers, 'answers', 'does not answer')}`;
  const note = reach.note ? ` · ${reach.note}` : '';
  return `${facts}${note} (${reach.basis})`;
}

/** `3 errors, 1 warning, 2 info` — empty parts left out; `no findings` when there are none. */
export function countSeverities(findings: ReadonlyArray<{ severity: 'error' | 'warning' | 'info' }>): string {
  const count = (severity: string) => findings.filter((f) => f.severity === severity).length;
  const parts: string[] = [];
  const errors = count('error');
  const warnings = count('warning');
  const infos = count('info');
  if (errors) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
  if (warnings) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
  if (infos) parts.push(`${infos} info`);
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}
