import type { ProbeError } from '../../../shared/model/index.ts';
import type { ProtocolKind, ProtocolProbeResult, WireExchangePort, WireOutcome, WireRequest } from '../ports/wire-exchange.port.ts';
import { preview } from './bytes.ts';

/** Where a protocol exchange points. `from` is always `host`: these exchanges run where Stack Doctor runs. */
export interface ProtocolTarget {
  host: string;
  port: number;
}

/** Exchange budget when the caller gives none, ms. */
export const DEFAULT_PROTOCOL_TIMEOUT_MS = 2000;

/** What every protocol exchange takes besides its target. */
export interface ProtocolExchangeOptions {
  /** Budget of the whole exchange, ms. Default {@link DEFAULT_PROTOCOL_TIMEOUT_MS} (2000). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * The one request/answer of a protocol exchange, within its budget: the outcome to judge, or `failed` when
 * no answer came to judge (refused, timed out, hung up, flooded). `expected` names the answer in messages.
 */
export async function exchangeWithinBudget(
  wire: WireExchangePort,
  kind: ProtocolKind,
  target: ProtocolTarget,
  options: ProtocolExchangeOptions,
  request: Pick<WireRequest, 'send' | 'complete'> & { expected: string },
): Promise<{ outcome: WireOutcome; failed: ProtocolProbeResult | undefined }> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROTOCOL_TIMEOUT_MS;
  const outcome = await wire.exchange({
    host: target.host,
    port: target.port,
    timeoutMs,
    complete: request.complete,
    ...(request.send ? { send: request.send } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { outcome, failed: failedExchange(kind, target, outcome, request.expected, timeoutMs) };
}

/** The result of an exchange that got an answer and judged it. */
export function judged(
  kind: ProtocolKind,
  target: ProtocolTarget,
  outcome: WireOutcome,
  verdict: { ok: boolean; error?: ProbeError; detail: Record<string, unknown> },
): ProtocolProbeResult {
  return {
    kind,
    target: targetName(target),
    from: 'host',
    ok: verdict.ok,
    latencyMs: outcome.latencyMs,
    ...(verdict.error ? { error: verdict.error } : {}),
    detail: { ...verdict.detail, ...connectionFacts(outcome) },
  };
}

/**
 * The result when the exchange itself failed: refused, unresolvable, timed out, or the peer hung up without the
 * awaited answer. `undefined` when the outcome carries an answer for the protocol to judge.
 */
export function failedExchange(
  kind: ProtocolKind,
  target: ProtocolTarget,
  outcome: WireOutcome,
  expected: string,
  timeoutMs: number,
): ProtocolProbeResult | undefined {
  const name = targetName(target);
  const fail = (error: ProbeError): ProtocolProbeResult => ({
    kind,
    target: name,
    from: 'host',
    ok: false,
    latencyMs: outcome.latencyMs,
    error,
    detail: { connected: outcome.connected, received: outcome.bytes.length, ...connectionFacts(outcome) },
  });
  if (outcome.end === 'timeout') {
    const what = outcome.connected ? `Connected to ${name}, but no ${expected} arrived` : `Connect to ${name}`;
    return fail({ code: 'TIMEOUT', message: `${what} within ${timeoutMs} ms` });
  }
  if (outcome.end === 'error') return fail(outcome.error ?? { code: 'ERROR', message: `Exchange with ${name} failed` });
  if (outcome.end === 'overflow') return fail({ code: 'PROTOCOL_MISMATCH', message: `${name} sent more than expected for ${expected}` });
  if (outcome.end === 'peer-closed' && outcome.bytes.length === 0) {
    return fail({ code: 'PEER_CLOSED', message: `${name} accepted the connection, then closed it without ${expected}` });
  }
  return undefined;
}

/** `PROTOCOL_MISMATCH`: something answered, but not in the protocol expected. */
export function mismatch(name: string, expected: string, bytes: Uint8Array): ProbeError {
  return { code: 'PROTOCOL_MISMATCH', message: `${name} did not answer as ${expected}: "${preview(bytes)}"` };
}

export function targetName(target: ProtocolTarget): string {
  return `${target.host}:${target.port}`;
}

function connectionFacts(outcome: WireOutcome): Record<string, unknown> {
  return {
    ...(outcome.connectMs !== undefined ? { connectMs: outcome.connectMs } : {}),
    ...(outcome.address ? { address: outcome.address } : {}),
  };
}
