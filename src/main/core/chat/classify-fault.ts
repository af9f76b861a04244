import type { ChatError } from '../../../shared/model/index.ts';
import type { ChatFault, FaultContext } from './chat-fault.ts';
import { closeCodeHint, closeCodeName } from './close-codes.ts';
import { missingComponentIn } from './component-missing.ts';
import { classifyNetwork } from './classify-network.ts';
import { capText } from './fault-text.ts';
import { unresolvableError } from './unresolvable-error.ts';

function componentMissing(component: string, text: string, base: Pick<ChatError, 'correlationId'>, extra: Partial<ChatError>): ChatError {
  return {
    ...base,
    ...extra,
    class: 'SERVER_COMPONENT_MISSING',
    explanation: `The server is running but a required component is not wired: ${component} is missing or None.`,
    hint: `Check how the server builds ${component} at startup (factory, dependency injection, environment variables); restart it once the component is configured.`,
    detail: capText(text),
  };
}

/**
 * Names a fault: a stable class, one plain sentence and a hint, with the correlation id. Pure and total: the
 * same fault yields the same class whether it came over HTTP or WS; a "missing or None" text wins over the
 * channel it came through (assistant_error, close reason, HTTP error body).
 */
export function classifyFault(fault: ChatFault, ctx: FaultContext): ChatError {
  const base = { correlationId: ctx.correlationId };
  switch (fault.kind) {
    case 'network':
      return classifyNetwork(fault, ctx);
    case 'timeout':
      return {
        ...base,
        class: 'TIMEOUT',
        explanation:
          fault.phase === 'connect'
            ? `No connection to ${ctx.url ?? 'the target'} within ${fault.timeoutMs} ms.`
            : `The server did not complete its answer within ${fault.timeoutMs} ms.`,
        hint:
          fault.phase === 'connect'
            ? 'Check that the server is up and that nothing (firewall, proxy) swallows the connection; raise --timeout if it is just slow.'
            : 'The agent is slow or stuck (slow first token, long tool call): raise --timeout, or check the agent logs for the correlation id.',
        detail: `${fault.phase === 'connect' ? 'connect' : 'answer'} budget ${fault.timeoutMs} ms`,
      };
    case 'http-status': {
      const component = missingComponentIn(fault.body);
      if (component) return componentMissing(component, fault.body, base, { status: fault.status });
      return {
        ...base,
        class: 'HTTP_STATUS',
        status: fault.status,
        explanation: `The server answered HTTP ${fault.status} instead of a chat answer.`,
        hint: httpStatusHint(fault.status),
        detail: capText(fault.body),
      };
    }
    case 'ws-handshake': {
      const component = missingComponentIn(fault.body);
      if (component) return componentMissing(component, fault.body ?? '', base, fault.status ? { status: fault.status } : {});
      return {
        ...base,
        class: 'WS_HANDSHAKE_FAILED',
        ...(fault.status ? { status: fault.status } : {}),
        explanation: fault.status
          ? `The server answered HTTP ${fault.status} instead of upgrading ${ctx.url ?? 'the WebSocket path'} to a WebSocket.`
          : `The WebSocket handshake with ${ctx.url ?? 'the server'} failed: ${fault.message}.`,
        hint:
          fault.status === 404
            ? 'The WebSocket path is not served: check the ws path (chat.paths.ws) and the server routes; try the HTTP transport to see whether the rest works.'
            : 'Check the WebSocket path, any proxy in front of the server (it must forward Upgrade), and the server logs.',
        detail: capText(fault.body ? `${fault.message}: ${fault.body}` : fault.message),
      };
    }
    case 'ws-close': {
      const component = missingComponentIn(fault.reason);
      const closeName = closeCodeName(fault.code);
      if (component) return componentMissing(component, fault.reason, base, { closeCode: fault.code, closeName });
      const why = fault.reason ? `: "${fault.reason}"` : '';
      return {
        ...base,
        class: 'WS_CLOSED',
        closeCode: fault.code,
        closeName,
        explanation: `The WebSocket closed with ${fault.code} (${closeName}) before the answer completed${why}.`,
        hint: closeCodeHint(fault.code),
        detail: capText([fault.reason, fault.error].filter(Boolean).join(' — ') || `close ${fault.code}`),
      };
    }
    case 'protocol':
      return {
        ...base,
        class: 'PROTOCOL_VIOLATION',
        explanation: `The server sent something outside the chat protocol: ${fault.problem}.`,
        hint: 'Compare the raw frame with the protocol (README#chat-protocol); the server and this client speak different versions, or the server wrote a debug message to the socket.',
        detail: fault.problem,
        rawFrame: capText(fault.rawFrame),
      };
    case 'agent-error': {
      const component = missingComponentIn(fault.content);
      if (component) return componentMissing(component, fault.content, base, {});
      return {
        ...base,
        class: 'AGENT_ERROR',
        explanation: `The agent answered with an error: ${capText(fault.content, 300)}`,
        hint: 'The connection works; the agent itself failed. Look up the correlation id in the agent logs.',
        detail: capText(fault.content),
      };
    }
    case 'circuit-open':
      return {
        ...base,
        class: 'CIRCUIT_OPEN',
        explanation: `Not sent: the circuit breaker for ${fault.target} is open after repeated failures${fault.lastFailure ? ` (last: ${fault.lastFailure})` : ''}.`,
        hint: `The next attempt after ${Math.round(fault.halfOpenAfterMs / 1000)} s is let through as a test; fix the failure above, then send again.`,
        detail: fault.lastFailure ?? 'open',
      };
    case 'unresolvable':
      return unresolvableError(fault.target, ctx.correlationId);
  }
}

function httpStatusHint(status: number): string {
  if (status === 404 || status === 405)
    return 'The chat path is not served here: check chat.paths.httpChat and that the target is the orchestrator, not another service.';
  if (status === 401 || status === 403) return 'The server refused the request: check authentication and allowed origins.';
  if (status === 400 || status === 422)
    return 'The server rejected the request body: it expects a different protocol profile (check the detail).';
  if (status === 502 || status === 503 || status === 504)
    return 'A proxy or the server says it is not ready: check the service health and its upstreams.';
  if (status >= 500) return 'The server failed while answering: its logs hold the traceback for this correlation id.';
  return 'Check the detail and the server logs.';
}
