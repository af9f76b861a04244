import { redactText, redactUrl } from '../../../shared/redact.ts';
import type { OrchestratorTarget, ProbeResult } from '../../../shared/model/index.ts';

function redactProbe(probe: ProbeResult): ProbeResult {
  return {
    ...probe,
    target: redactUrl(probe.target),
    ...(probe.error ? { error: { ...probe.error, message: redactText(probe.error.message) } } : {}),
  };
}

/**
 * The target decision as it may be shown: the configured URL can carry credentials (`http://admin:pw@orch:8006`
 * from settings, the stack config or `ORCHESTRATOR_SERVICE_URL`); the probes used them, the report, its findings,
 * the events and the logs never do.
 */
export function redactTarget(target: OrchestratorTarget): OrchestratorTarget {
  return {
    ...target,
    configuredUrl: redactUrl(target.configuredUrl),
    resolvedUrl: target.resolvedUrl === null ? null : redactUrl(target.resolvedUrl),
    reason: redactText(target.reason),
    attempts: target.attempts.map((attempt) => ({ ...attempt, url: redactUrl(attempt.url), result: redactProbe(attempt.result) })),
  };
}
