import type { ChatError, OrchestratorTarget, TargetAttempt } from '../../../shared/model/index.ts';

/** One line per attempt: `dns http://orchestrator-service:8006 → ENOTFOUND Name or service not known (…)`. */
export function formatAttempts(attempts: readonly TargetAttempt[]): string {
  if (attempts.length === 0) return 'no attempt (the configured URL is not a valid http(s) URL)';
  return attempts
    .map((attempt) => {
      const result = attempt.result;
      const status = result.detail?.status;
      const outcome = result.ok
        ? `ok${typeof status === 'number' ? ` ${status}` : ''} in ${Math.round(result.latencyMs)} ms`
        : `${result.error?.code ?? 'failed'} ${result.error?.message ?? ''}`.trim();
      return `${attempt.step} ${attempt.url} → ${outcome}`;
    })
    .join('\n');
}

/**
 * RUNTIME_TARGET_UNRESOLVABLE: no orchestrator to talk to from here. The explanation keeps the resolver's
 * words ("Name or service not known") so the user recognises the error their app shows; `detail` lists every attempt.
 */
export function unresolvableError(target: OrchestratorTarget, correlationId: string): ChatError {
  const dns = target.attempts.find((attempt) => attempt.step === 'dns' && !attempt.result.ok);
  const resolverWords = dns?.result.error?.message ? ` The resolver said: ${dns.result.error.message}.` : '';
  let hint: string;
  if (dns && target.hostIsAlias) {
    hint =
      'The configured host is a docker alias: it resolves only inside its compose network. Start the stack with the port published so the localhost fallback answers, set orchestrator.fallbackUrl, or pin a target that answers.';
  } else if (dns) {
    hint =
      'The host is not a docker alias, so no fallback is tried: fix the host name (settings, stack-doctor.yaml, ORCHESTRATOR_SERVICE_URL) or pin a target.';
  } else {
    hint = 'The host resolves but nothing answers its health URL: start the orchestrator or check its port.';
  }
  return {
    class: 'RUNTIME_TARGET_UNRESOLVABLE',
    correlationId,
    explanation: `No orchestrator to talk to from here: ${target.reason}.${resolverWords}`,
    hint,
    detail: formatAttempts(target.attempts),
  };
}
