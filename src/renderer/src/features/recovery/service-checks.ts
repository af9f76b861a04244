import type { ServiceChecks } from '../../../../shared/model/index.ts';

/** How a component's word reads, for its dot: the words health bodies use, case-insensitive. */
export function componentTone(status: string): 'ok' | 'warn' | 'bad' | 'busy' {
  const word = status.toLowerCase();
  if (['healthy', 'ok', 'up', 'pass', 'passing', 'ready', 'available', 'green'].includes(word)) return 'ok';
  if (['degraded', 'warn', 'warning', 'overloaded', 'slow', 'yellow'].includes(word)) return 'warn';
  if (['starting', 'initializing', 'initialising', 'pending', 'unknown'].includes(word)) return 'busy';
  return 'bad';
}

/** One component as the Recovery view lists it. */
export interface ComponentRow {
  component: string;
  status: string;
  tone: ReturnType<typeof componentTone>;
  /** `redis: healthy` / `db: unhealthy (connection refused)`. */
  label: string;
}

const RANK = { bad: 0, warn: 1, busy: 2, ok: 3 } as const;

/** A service's components, worst first (the body's order among equals); empty when its health body had no `checks`. */
export function componentRows(checks: ServiceChecks | undefined): ComponentRow[] {
  return (checks?.components ?? [])
    .map((c) => {
      const tone = componentTone(c.status);
      return { component: c.component, status: c.status, tone, label: `${c.component}: ${c.status}${c.detail ? ` (${c.detail})` : ''}` };
    })
    .sort((a, b) => RANK[a.tone] - RANK[b.tone]);
}

/** `3 components, all healthy` / `1 of 3 unhealthy, 1 degraded`; null without checks. */
export function componentsSummary(checks: ServiceChecks | undefined): string | null {
  const rows = componentRows(checks);
  if (rows.length === 0) return null;
  const count = (tone: ComponentRow['tone']): number => rows.filter((r) => r.tone === tone).length;
  const bad = count('bad');
  const warn = count('warn');
  if (bad === 0 && warn === 0) return `${rows.length} ${rows.length === 1 ? 'component' : 'components'}, all healthy`;
  const parts = [bad > 0 ? `${bad} of ${rows.length} failing` : null, warn > 0 ? `${warn} degraded` : null].filter(Boolean);
  return parts.join(', ');
}
