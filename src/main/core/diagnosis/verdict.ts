import type { Finding, Verdict } from '../../../shared/model/index.ts';

/** Any error → unhealthy, any warning → degraded, else healthy (info never changes the verdict). */
export function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'error')) return 'unhealthy';
  if (findings.some((f) => f.severity === 'warning')) return 'degraded';
  return 'healthy';
}
