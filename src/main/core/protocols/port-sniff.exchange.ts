import type { ProtocolProbeResult, WireExchangePort, WireOutcome } from '../ports/wire-exchange.port.ts';
import { encodeText } from './bytes.ts';
import {
  classifyGreeting,
  classifyRequestAnswer,
  greetingComplete,
  healthRequest,
  requestAnswerComplete,
} from './port-sniff.classifier.ts';
import { DEFAULT_PROTOCOL_TIMEOUT_MS, failedExchange, judged, type ProtocolTarget } from './wire-result.ts';

export interface SniffOptions {
  /** Budget of the whole sniff, both connections, ms. Default {@link DEFAULT_PROTOCOL_TIMEOUT_MS} (2000). */
  timeoutMs?: number;
  /**
   * How long to wait for a server-first greeting before sending a request, ms. Default 300: local servers that
   * greet (MySQL, SSH, SMTP) do so within a few ms, even through docker-proxy. 0 sends the request at once on
   * one connection (what a diagnosis wants: no wait on every HTTP port); a greeting that arrives instead of an
   * answer is still recognised.
   */
  greetingWaitMs?: number;
  /** Path of the request sent to a port that does not greet. Default `/health`. */
  path?: string;
  signal?: AbortSignal;
}

/**
 * What speaks on this port: HTTP or something else (issue 9 §3, to leave databases and brokers alone). First
 * connects and sends nothing for `greetingWaitMs`: a greeting (MySQL, SSH, SMTP…) settles it. Otherwise a second
 * connection sends a minimal `GET {path}` and classifies the first line of the answer. ok when anything answered;
 * `TIMEOUT` when the port accepts but never answers (an HTTP server hanging counts here, as a failure),
 * `PEER_CLOSED` when it hangs up at once without a byte. Never rejects.
 * detail: `{ speaks, http, status?, serverVersion?, banner, via: 'greeting' | 'request', closedWithoutReply? }`.
 */
export async function sniffPort(wire: WireExchangePort, target: ProtocolTarget, options: SniffOptions = {}): Promise<ProtocolProbeResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROTOCOL_TIMEOUT_MS;
  const signal = options.signal ? { signal: options.signal } : {};
  if (options.greetingWaitMs === 0) return requestAtOnce(wire, target, timeoutMs, options.path ?? '/health', signal);
  const greeting = await wire.exchange({
    host: target.host,
    port: target.port,
    timeoutMs: Math.min(options.greetingWaitMs ?? 300, timeoutMs),
    complete: greetingComplete,
    ...signal,
  });
  if (greeting.bytes.length > 0)
    return judged('sniff', target, greeting, { ok: true, detail: { ...classifyGreeting(greeting.bytes), via: 'greeting' } });
  // Silence (even before the connect completed) goes on to the request; a refusal or a hang-up ends here.
  if (greeting.end !== 'timeout') return failedExchange('sniff', target, greeting, 'a byte', timeoutMs) ?? unreachable(target, greeting);

  const left = Math.max(1, Math.round(timeoutMs - greeting.latencyMs));
  const answer = await wire.exchange({
    host: target.host,
    port: target.port,
    timeoutMs: left,
    send: encodeText(healthRequest(options.path ?? '/health')),
    complete: requestAnswerComplete,
    ...signal,
  });
  const total = { ...answer, latencyMs: Math.round((greeting.latencyMs + answer.latencyMs) * 10) / 10 };
  if (answer.bytes.length > 0)
    return judged('sniff', target, total, { ok: true, detail: { ...classifyRequestAnswer(answer.bytes), via: 'request' } });
  if (answer.end === 'peer-closed') {
    // Not the instant hang-up of docker-proxy with nothing behind (that ends the greeting wait): this peer read
    // a request and dropped it without a word, as PostgreSQL does with bytes that are not a startup packet.
    return judged('sniff', target, total, {
      ok: true,
      detail: { speaks: 'unknown', http: false, banner: '', via: 'request', closedWithoutReply: true },
    });
  }
  return failedExchange('sniff', target, total, 'an answer to GET', timeoutMs) ?? unreachable(target, total);
}

/** One connection: the request is sent as soon as it connects; a server-first greeting may come back instead. */
async function requestAtOnce(
  wire: WireExchangePort,
  target: ProtocolTarget,
  timeoutMs: number,
  path: string,
  signal: { signal?: AbortSignal },
): Promise<ProtocolProbeResult> {
  const answer = await wire.exchange({
    host: target.host,
    port: target.port,
    timeoutMs,
    send: encodeText(healthRequest(path)),
    complete: (bytes) => requestAnswerComplete(bytes) || greetingComplete(bytes),
    ...signal,
  });
  if (answer.bytes.length > 0) {
    const asAnswer = classifyRequestAnswer(answer.bytes);
    const verdict = asAnswer.speaks === 'unknown' ? classifyGreeting(answer.bytes) : asAnswer;
    return judged('sniff', target, answer, { ok: true, detail: { ...verdict, via: 'request' } });
  }
  return failedExchange('sniff', target, answer, 'an answer to GET', timeoutMs) ?? unreachable(target, answer);
}

/** Every outcome without bytes is a failure already mapped; this keeps the types total. */
function unreachable(target: ProtocolTarget, outcome: WireOutcome): ProtocolProbeResult {
  return judged('sniff', target, outcome, { ok: false, error: { code: 'ERROR', message: `Unexpected end '${outcome.end}'` }, detail: {} });
}
