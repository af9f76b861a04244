import WebSocket from 'ws';
import { closeLink, type IdleOwner, type WsLease, type WsLink } from './ws-connection.ts';

/** How long an idle pooled socket is kept open for the session's next exchange, ms. */
export const DEFAULT_WS_IDLE_MS = 60_000;

/** A link waiting in the pool: it ends on its own events or when its idle time is up. */
class IdleLink implements IdleOwner {
  readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pool: WsSocketPool,
    readonly url: string,
    readonly link: WsLink,
    idleMs: number,
  ) {
    link.idleOwner = this;
    this.timer = setTimeout(idleTimeUp, idleMs, this);
    // An idle link must not keep the process alive on its own timer (the open socket itself still does).
    this.timer.unref();
  }

  /** A close, an error, or a frame nobody asked for (it would belong to no exchange) ends an idle link. */
  idleEnded(): void {
    this.pool.drop(this);
  }
}

function idleTimeUp(idle: IdleLink): void {
  idle.idleEnded();
}

/** The pool's answer to one exchange; one object, no closures (bench/chat). */
class PoolLease implements WsLease {
  constructor(
    private readonly pool: WsSocketPool,
    private readonly url: string,
    private readonly generation: number,
    readonly link: WsLink | null,
  ) {}

  release(link: WsLink): void {
    this.pool.restore(this.url, link, this.generation);
  }
}

/**
 * At most one idle WebSocket link per chat URL (the URL carries the target, client id and session id), so a
 * session's consecutive WS exchanges share a connection. A link enters the pool only after a clean
 * `complete` and while it is open; anything else (close, error, timeout, protocol violation, error frame)
 * ends it and the next send reconnects, so a failure is never carried over. An idle link is dropped when
 * it closes or errors, when the server sends a frame unasked, and after `idleMs`. Exchanges are never
 * multiplexed: a link in use is out of the pool, so a concurrent send on the same session opens its own.
 */
export class WsSocketPool {
  private readonly idle = new Map<string, IdleLink>();
  /** Bumped by closeAll(): a link leased before it is closed on release, not pooled. */
  private generation = 0;
  private disposed = false;

  /** @param idleMs how long an idle link stays open, ms; 0 turns reuse off (one socket per exchange). */
  constructor(private readonly idleMs: number = DEFAULT_WS_IDLE_MS) {}

  /** The link for an exchange on `url`; undefined when reuse is off (the exchange closes its own socket). */
  lease(url: string): WsLease | undefined {
    if (this.disposed || this.idleMs <= 0) return undefined;
    let link = this.take(url);
    if (link && link.socket.readyState !== WebSocket.OPEN) {
      closeLink(link, 1000);
      link = undefined;
    }
    return new PoolLease(this, url, this.generation, link ?? null);
  }

  /** Number of idle links (for tests and diagnostics). */
  get size(): number {
    return this.idle.size;
  }

  /** Closes every idle link with `code` (1000 for a new session, 1001 when shutting down); leased ones are closed on release. */
  closeAll(code: 1000 | 1001, reason = ''): void {
    this.generation += 1;
    for (const url of [...this.idle.keys()]) {
      const link = this.take(url);
      if (link) closeLink(link, code, reason);
    }
  }

  /** closeAll(1001) and no pooling from now on. */
  dispose(): void {
    this.disposed = true;
    this.closeAll(1001, 'Stack Doctor is shutting down');
  }

  /** A leased link back after a clean `complete`: kept idle for the session's next exchange, or closed. */
  restore(url: string, link: WsLink, generation: number): void {
    if (this.disposed || generation !== this.generation || this.idle.has(url) || link.socket.readyState !== WebSocket.OPEN) {
      closeLink(link, this.disposed ? 1001 : 1000);
      return;
    }
    this.idle.set(url, new IdleLink(this, url, link, this.idleMs));
  }

  /** Ends an idle link (its own event or its idle time). */
  drop(idle: IdleLink): void {
    // A link taken since is an exchange's now: take() already detached it from this entry.
    if (this.idle.get(idle.url) !== idle) return;
    this.take(idle.url);
    closeLink(idle.link, 1000);
  }

  private take(url: string): WsLink | undefined {
    const idle = this.idle.get(url);
    if (!idle) return undefined;
    this.idle.delete(url);
    clearTimeout(idle.timer);
    idle.link.idleOwner = null;
    return idle.link;
  }
}
