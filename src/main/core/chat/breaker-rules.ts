import type { ChatError } from '../../../shared/model/index.ts';

/**
 * Whether a failed exchange counts against the target's circuit breaker: only failures that say the target
 * is down or broken. Not counted: agent-level errors (the server works, the agent failed), 4xx answers and
 * refused WS upgrades with 4xx (a wrong path or request, not a dead server — and the breaker is shared by
 * HTTP and WS, so a broken WS route must not lock out a working HTTP path), and failures where nothing
 * was sent (open circuit, unresolvable target).
 */
export function countsAgainstBreaker(error: ChatError): boolean {
  switch (error.class) {
    case 'AGENT_ERROR':
    case 'CIRCUIT_OPEN':
    case 'RUNTIME_TARGET_UNRESOLVABLE':
      return false;
    case 'HTTP_STATUS':
      return (error.status ?? 500) >= 500 || error.status === 429;
    case 'WS_HANDSHAKE_FAILED':
      return error.status === undefined || error.status >= 500;
    default:
      return true;
  }
}

/** The breaker key of a URL: its origin, so ws:// and http:// to the same server share one breaker. */
export function breakerKey(url: string): string {
  try {
    const parsed = new URL(url);
    const protocol = parsed.protocol === 'ws:' ? 'http:' : parsed.protocol === 'wss:' ? 'https:' : parsed.protocol;
    const port = parsed.port ? `:${parsed.port}` : '';
    return `${protocol}//${parsed.hostname}${port}`;
  } catch {
    return url;
  }
}
