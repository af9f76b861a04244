import WebSocket from 'ws';

/** How long an idle pooled socket is kept open for the session's next exchange, ms. */
export const DEFAULT_WS_IDLE_MS = 60_000;

/** How long a socket closed by the pool may take for its closing handshake before it is terminated, ms. */
const CLOSE_GRACE_MS = 1000;

/** A socket for one exchange on a URL: an open idle one from the pool, or null to connect. */
export interface WsLease {
  socket: WebSocket | null;
  /** Hands back a socket whose exchange ended with `complete`; the pool keeps it idle or closes it. */
  release(socket: WebSocket): void;
}

interface IdleSocket {
  socket: WebSocket;
  timer: NodeJS.Timeout;
  detach: () => void;
}

/** Closes with `code`, terminating it if the closing handshake does not finish within the grace period. */
function closeSocket(socket: WebSocket, code: 1000 | 1001, reason = ''): void {
  // An error while closing must not become an unhandled 'error' event.
  socket.on('error', () => undefined);
  if (socket.readyState === WebSocket.OPEN) {
    socket.close(code, reason);
    setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
  } else {
    socket.terminate();
  }
}

/**
 * At most one idle WebSocket per chat URL (the URL carries the target, client id and session id), so a
 * session's consecutive WS exchanges share a connection. A socket enters the pool only after a clean
 * `complete` and while it is open; anything else (close, error, timeout, protocol violation, error frame)
 * ends it and the next send reconnects, so a failure is never carried over. An idle socket is dropped when
 * it closes or errors, when the server sends a frame unasked, and after `idleMs`. Exchanges are never
 * multiplexed: a socket in use is out of the pool, so a concurrent send on the same session opens its own.
 */
export class WsSocketPool {
  private readonly idle = new Map<string, IdleSocket>();
  /** Bumped by closeAll(): a socket leased before it is closed on release, not pooled. */
  private generation = 0;
  private disposed = false;

  /** @param idleMs how long an idle socket stays open, ms; 0 turns reuse off (one socket per exchange). */
  constructor(private readonly idleMs: number = DEFAULT_WS_IDLE_MS) {}

  /** The socket for an exchange on `url`; undefined when reuse is off (the exchange closes its own socket). */
  lease(url: string): WsLease | undefined {
    if (this.disposed || this.idleMs <= 0) return undefined;
    const generation = this.generation;
    const entry = this.take(url);
    let socket: WebSocket | null = null;
    if (entry) {
      if (entry.socket.readyState === WebSocket.OPEN) socket = entry.socket;
      else closeSocket(entry.socket, 1000);
    }
    return { socket, release: (released) => this.put(url, released, generation) };
  }

  /** Number of idle sockets (for tests and diagnostics). */
  get size(): number {
    return this.idle.size;
  }

  /** Closes every idle socket with `code` (1000 for a new session, 1001 when shutting down); leased ones are closed on release. */
  closeAll(code: 1000 | 1001, reason = ''): void {
    this.generation += 1;
    for (const url of [...this.idle.keys()]) {
      const entry = this.take(url);
      if (entry) closeSocket(entry.socket, code, reason);
    }
  }

  /** closeAll(1001) and no pooling from now on. */
  dispose(): void {
    this.disposed = true;
    this.closeAll(1001, 'Stack Doctor is shutting down');
  }

  private take(url: string): IdleSocket | undefined {
    const entry = this.idle.get(url);
    if (!entry) return undefined;
    this.idle.delete(url);
    clearTimeout(entry.timer);
    entry.detach();
    return entry;
  }

  private put(url: string, socket: WebSocket, generation: number): void {
    if (this.disposed || generation !== this.generation || this.idle.has(url) || socket.readyState !== WebSocket.OPEN) {
      closeSocket(socket, this.disposed ? 1001 : 1000);
      return;
    }
    const drop = (): void => {
      if (this.idle.get(url)?.socket === socket) this.take(url);
      closeSocket(socket, 1000);
    };
    // While idle: a close or error ends it, and so does a frame nobody asked for (it would belong to no exchange).
    socket.on('close', drop);
    socket.on('error', drop);
    socket.on('message', drop);
    const detach = (): void => {
      socket.off('close', drop);
      socket.off('error', drop);
      socket.off('message', drop);
    };
    const timer = setTimeout(drop, this.idleMs);
    // An idle socket must not keep the process alive on its own timer (the open socket itself still does).
    timer.unref();
    this.idle.set(url, { socket, timer, detach });
  }
}
