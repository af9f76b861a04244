import { errorMessage } from '../../../shared/error-message.ts';
import type { ClientRequest, IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { abortFault, errorCode, type AbortCause, type ExchangeContext, type ExchangeResult } from './exchange-context.ts';
import type { ExpiryListener } from '../resilience/exchange-deadline.ts';

/** Most of a refused upgrade's body kept, bytes: enough for an error message, not a page. */
const HANDSHAKE_BODY_CAP = 8 * 1024;

/** What a WS exchange does with its socket; the connection handles the lifecycle and the failures. */
export interface WsHandlers {
  onOpen(socket: WebSocket): void;
  /** One text frame (binary frames are decoded as UTF-8); a result ends the exchange, null continues. */
  onText(text: string, socket: WebSocket): ExchangeResult | null;
  /** The socket closed before a result; default: a WS_CLOSED fault with the code and reason. */
  onClose?(code: number, reason: string): ExchangeResult | null;
  /** The timeout hit after the open; default: a TIMEOUT fault. Raw mode ends its listening window here. */
  onTimeoutAfterOpen?(): ExchangeResult;
}

/** A socket for one exchange on a URL: the session's open idle link from the pool, or null to connect. */
export interface WsLease {
  link: WsLink | null;
  /** Hands back a link whose exchange ended with `complete`; the pool keeps it idle or closes it. */
  release(link: WsLink): void;
}

/** Told when a link without an exchange closes, errors or receives a frame (the pool holding it idle). */
export interface IdleOwner {
  idleEnded(link: WsLink): void;
}

/** Closes with `code`, terminating the socket if the closing handshake does not finish within a second. */
export function closeLink(link: WsLink, code: number, reason = ''): void {
  const { socket } = link;
  if (socket.readyState === WebSocket.OPEN) {
    socket.close(code, reason);
    setTimeout(() => socket.terminate(), 1000).unref();
  } else {
    socket.terminate();
  }
}

/**
 * One WebSocket and its listeners, attached once for the socket's life: events go to the exchange running on
 * it, or, while it has none, to `idleOwner` (the pool drops an idle link that closes, errors or receives a
 * frame nobody asked for). A session's consecutive exchanges reuse the link without touching its listeners:
 * that is what keeps a reused round trip close to raw `ws` (bench/chat). The client's dispose() ends it
 * through `track`, settling a running exchange as aborted.
 */
export class WsLink {
  run: WsRun | null = null;
  idleOwner: IdleOwner | null = null;
  private readonly untrack: () => void;

  private constructor(
    readonly socket: WebSocket,
    ctx: ExchangeContext,
  ) {
    this.untrack = ctx.track(() => {
      this.run?.abort('disposed');
      socket.terminate();
    });
    socket.on('open', () => this.run?.opened());
    socket.on('message', (data: Buffer, isBinary: boolean) => (this.run ? this.run.text(data, isBinary) : this.idleOwner?.idleEnded(this)));
    socket.on('unexpected-response', (req: ClientRequest, res: IncomingMessage) => {
      if (this.run) this.run.refused(req, res);
      else req.destroy();
    });
    // Always listened to: an error on a closing or idle socket must not become an unhandled 'error' event.
    socket.on('error', (error: Error) => (this.run ? this.run.errored(error) : this.idleOwner?.idleEnded(this)));
    socket.on('close', (code: number, reason: Buffer) => {
      this.untrack();
      if (this.run) this.run.closed(code, reason);
      else this.idleOwner?.idleEnded(this);
    });
  }

  /** Opens `url`, sending `X-Correlation-ID` on the upgrade. Throws for URLs `ws` refuses (bad scheme, a fragment). */
  static connect(ctx: ExchangeContext): WsLink {
    const socket = new WebSocket(ctx.url, {
      perMessageDeflate: false,
      followRedirects: false,
      headers: { 'X-Correlation-ID': ctx.correlationId, 'User-Agent': 'stack-doctor' },
    });
    return new WsLink(socket, ctx);
  }
}

/**
 * One exchange on a link, from the send (or the connect) to its result. Never rejects: failures are faults.
 * On a successful result a leased exchange hands its link back to the pool; otherwise the socket is closed
 * with 1000 (1002 for a protocol fault) in the background. A reused link that closes before the server
 * answered anything (it dropped an idle connection just as we sent) is retried once on a fresh connection
 * within the same time budget. The run itself is the deadline's listener and the link's handler: a run on a
 * reused link allocates no closures.
 */
export class WsRun implements ExpiryListener {
  private settled = false;
  private hasOpened: boolean;
  private answered = false;
  private lastError: Error | undefined;
  private link!: WsLink;

  constructor(
    private readonly ctx: ExchangeContext,
    private readonly handlers: WsHandlers,
    private readonly lease: WsLease | undefined,
    private readonly resolve: (result: ExchangeResult | Promise<ExchangeResult>) => void,
  ) {
    this.hasOpened = lease?.link != null;
  }

  start(): void {
    const reused = this.lease?.link ?? null;
    if (reused) {
      this.link = reused;
    } else {
      try {
        this.link = WsLink.connect(this.ctx);
      } catch (error) {
        this.settle({ ok: false, fault: { kind: 'ws-handshake', message: errorMessage(error) } });
        return;
      }
    }
    this.link.run = this;
    this.ctx.deadline.listen(this);
    if (reused && !this.settled) this.handlers.onOpen(reused.socket);
  }

  /** The exchange's time budget ran out. */
  expired(): void {
    this.abort('timeout');
  }

  /** Ends the exchange from our side: its budget ran out, or the client is disposing. */
  abort(cause: AbortCause): void {
    if (this.settled) return;
    const { ctx, handlers, hasOpened: opened } = this;
    if (opened && cause === 'timeout' && handlers.onTimeoutAfterOpen) this.settle(handlers.onTimeoutAfterOpen());
    else this.settle({ ok: false, fault: abortFault(ctx, cause, opened ? 'answer' : 'connect') });
    const { socket } = this.link;
    if (opened && socket.readyState === WebSocket.OPEN) socket.close(1000);
    else socket.terminate();
  }

  opened(): void {
    this.hasOpened = true;
    if (!this.settled) this.handlers.onOpen(this.link.socket);
  }

  text(data: Buffer, isBinary: boolean): void {
    if (this.settled) return;
    this.answered = true;
    const { socket } = this.link;
    const result = this.handlers.onText(isBinary ? Buffer.from(data).toString('utf8') : data.toString(), socket);
    if (!result) return;
    this.settle(result);
    if (result.ok && this.lease && socket.readyState === WebSocket.OPEN) this.lease.release(this.link);
    else closeLink(this.link, !result.ok && result.fault.kind === 'protocol' ? 1002 : 1000);
  }

  refused(req: ClientRequest, res: IncomingMessage): void {
    const status = res.statusCode ?? 0;
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => {
      const body = Buffer.concat(chunks).toString('utf8');
      this.settle({
        ok: false,
        fault: { kind: 'ws-handshake', status, message: `HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`, body },
      });
      req.destroy();
      this.link.socket.terminate();
    };
    res.on('data', (chunk: Buffer) => {
      if (size < HANDSHAKE_BODY_CAP) chunks.push(chunk);
      size += chunk.length;
    });
    res.on('end', done);
    res.on('error', done);
    res.on('close', done);
  }

  errored(error: Error): void {
    this.lastError = error;
    const code = errorCode(error);
    if (!this.hasOpened) {
      this.settle({
        ok: false,
        fault:
          code && !code.startsWith('WS_ERR_')
            ? { kind: 'network', code, message: error.message, phase: 'connect' }
            : { kind: 'ws-handshake', message: error.message },
      });
    } else if (code.startsWith('WS_ERR_')) {
      // An invalid frame at the WebSocket level (bad opcode, invalid UTF-8, bad close code).
      this.settle({ ok: false, fault: { kind: 'protocol', problem: `an invalid WebSocket frame (${error.message})`, rawFrame: '' } });
    }
  }

  closed(code: number, reasonBuffer: Buffer): void {
    if (this.link.run === this) this.link.run = null;
    if (this.settled) return;
    const { lastError } = this;
    if (!this.hasOpened) {
      this.settle({
        ok: false,
        fault: { kind: 'ws-handshake', message: lastError?.message ?? 'the connection closed during the handshake' },
      });
      return;
    }
    const { lease } = this;
    if (lease?.link && !this.answered) {
      // The pooled connection was gone before our frame got an answer: nothing of this exchange happened yet.
      this.settle(wsExchange(this.ctx, this.handlers, { link: null, release: (link) => lease.release(link) }));
      return;
    }
    const reason = reasonBuffer.toString('utf8');
    const custom = this.handlers.onClose?.(code, reason);
    this.settle(custom ?? { ok: false, fault: { kind: 'ws-close', code, reason, ...(lastError ? { error: lastError.message } : {}) } });
  }

  private settle(result: ExchangeResult | Promise<ExchangeResult>): void {
    if (this.settled) return;
    this.settled = true;
    this.ctx.deadline.unlisten(this);
    // The link's events after this go to its next exchange or, idle, to the pool; a failed link is closing.
    if (this.link?.run === this) this.link.run = null;
    this.resolve(result);
  }
}

/**
 * Runs `handlers` on the lease's idle link, or on a new connection to `ctx.url`, until one returns a result,
 * the socket closes, or the deadline expires. Never rejects.
 */
export function wsExchange(ctx: ExchangeContext, handlers: WsHandlers, lease?: WsLease): Promise<ExchangeResult> {
  return new Promise((resolve) => new WsRun(ctx, handlers, lease, resolve).start());
}
