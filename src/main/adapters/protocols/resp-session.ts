import { connect, type Socket } from 'node:net';
import type { ProbeError } from '../../../shared/model/index.ts';
import type { Clock } from '../../core/ports/clock.port.ts';
import { encodeCommand, parseReply, type RespValue } from '../../core/protocols/resp.codec.ts';
import { timeoutError, toProbeError } from '../network/probe-error.ts';

/** A call failed for a reason that ends the session (connection lost, timeout, not RESP): as a probe error. */
export class RespSessionError extends Error {
  constructor(readonly probeError: ProbeError) {
    super(probeError.message);
  }
}

export interface RespSessionOptions {
  /** Budget of the whole session, every call included, ms. On expiry pending calls fail with `TIMEOUT`. */
  timeoutMs: number;
  clock: Clock;
  signal?: AbortSignal;
}

/**
 * A minimal Redis connection for a handful of commands: calls are pipelined in order over one socket (writes
 * before the connect are queued by node:net); replies are matched first-in first-out. Redis error replies
 * resolve as `{ type: 'error' }` values; only the loss of the session rejects, with a RespSessionError.
 */
export class RespSession {
  readonly #socket: Socket;
  readonly #pending: { resolve: (v: RespValue) => void; reject: (e: RespSessionError) => void }[] = [];
  readonly #timer: { dispose(): void };
  readonly #signal: AbortSignal | undefined;
  #buffer: Buffer = Buffer.alloc(0);
  #failure: RespSessionError | undefined;

  constructor(host: string, port: number, options: RespSessionOptions) {
    const target = `${host}:${port}`;
    this.#signal = options.signal;
    this.#timer = options.clock.setTimeout(() => this.#fail(timeoutError(`Redis at ${target}`, options.timeoutMs)), options.timeoutMs);
    this.#signal?.addEventListener('abort', this.#onAbort, { once: true });
    this.#socket = connect({ host, port });
    this.#socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    this.#socket.once('end', () => this.#fail({ code: 'PEER_CLOSED', message: `Redis at ${target} closed the connection` }));
    // Kept attached after close: a destroyed socket may still emit, and an unhandled 'error' would crash.
    this.#socket.on('error', (err) => this.#fail(toProbeError(err, target)));
    if (this.#signal?.aborted) this.#onAbort();
  }

  /** Sends one command; resolves with its reply (an error reply included). */
  call(...args: string[]): Promise<RespValue> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#pending.push({ resolve, reject });
      this.#socket.write(encodeCommand(args));
    });
  }

  /** Ends the session: the socket is destroyed, the timer cleared, pending calls rejected. Idempotent. */
  close(): void {
    this.#fail({ code: 'CLOSED', message: 'Session closed' });
  }

  #onAbort = (): void => this.#fail({ code: 'ABORTED', message: 'Redis read aborted' });

  #receive(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const step = parseReply(this.#buffer);
      if (step.kind === 'incomplete') return;
      if (step.kind === 'malformed') return this.#fail({ code: 'PROTOCOL_MISMATCH', message: `Not a Redis reply (${step.reason})` });
      const waiter = this.#pending.shift();
      if (!waiter) return this.#fail({ code: 'PROTOCOL_MISMATCH', message: 'Redis sent a reply nobody asked for' });
      this.#buffer = this.#buffer.subarray(step.next);
      waiter.resolve(step.value);
    }
  }

  #fail(error: ProbeError): void {
    if (this.#failure) return;
    this.#failure = new RespSessionError(error);
    this.#timer.dispose();
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.#socket.destroy();
    for (const waiter of this.#pending.splice(0)) waiter.reject(this.#failure);
  }
}
