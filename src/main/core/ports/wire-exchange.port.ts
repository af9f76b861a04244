import type { ProbeError, ProbeResult } from '../../../shared/model/index.ts';

/**
 * What a protocol exchange talks about. The four service protocols are members of the shared `probeKindSchema` (the
 * protocol-health check reports them as evidence); `sniff` is not, so a sniff result is a ProbeResult in all but `kind`.
 */
export type ProtocolKind = 'redis' | 'postgres' | 'mysql' | 'amqp' | 'sniff';

/** The ProbeResult of a protocol exchange: `{ kind, target, from, ok, latencyMs, error?, detail? }`. */
export type ProtocolProbeResult = Omit<ProbeResult, 'kind'> & { kind: ProtocolKind };

/** One request/reply over a fresh TCP connection. */
export interface WireRequest {
  host: string;
  port: number;
  /** Budget of the whole exchange (resolve, connect, send, receive), ms. On expiry the socket is destroyed. */
  timeoutMs: number;
  /** Bytes written once connected; none to wait for a server-first greeting. */
  send?: Uint8Array;
  /**
   * Says when the reply received so far is enough (a whole greeting, a whole RESP reply…). Called after each
   * chunk with everything received; the exchange ends at the first `true`.
   */
  complete: (received: Uint8Array) => boolean;
  /** Cap on the bytes kept, default 65536: a peer that floods ends the exchange as `overflow`. */
  maxBytes?: number;
  /** Aborting ends the exchange at once as `error` with code `ABORTED`. */
  signal?: AbortSignal;
}

/** How a wire exchange ended. Facts only: what they mean for a protocol is decided in core/protocols. */
export interface WireOutcome {
  /** `complete`: `complete()` said so; `peer-closed`: the peer ended first; `timeout`/`error`: see `error`. */
  end: 'complete' | 'peer-closed' | 'timeout' | 'error' | 'overflow';
  /** Whether the TCP connection was established at all (a refused or unresolvable target never is). */
  connected: boolean;
  /** Everything received, possibly empty. */
  bytes: Uint8Array;
  /** From the start of the exchange to its end, ms. */
  latencyMs: number;
  /** Time to connect, ms, when connected. */
  connectMs?: number;
  /** The peer's address, when connected. */
  address?: string;
  /** Set for `timeout` (`TIMEOUT`) and `error` (`ECONNREFUSED`, `ENOTFOUND`, `ECONNRESET`, `ABORTED`…). */
  error?: ProbeError;
}

/**
 * Moves bytes over one short-lived TCP connection: connect, optionally send, read until the reply is complete,
 * the peer closes, or the budget runs out; then the socket is destroyed. Never rejects, never leaves a socket.
 * The protocol probes of core/protocols are pure functions over this port.
 */
export interface WireExchangePort {
  exchange(request: WireRequest): Promise<WireOutcome>;
}
