/** Subscribes to "this port answered a request"; returns the unsubscribe. See {@link AnsweredPorts.subscribe}. */
export type ServedSubscription = (onServed: () => void) => () => void;

/**
 * Which host ports answered a request while a TCP probe of the same `host:port` was under way, so that probe's
 * peer-close watch can end at once. The watch (`PEER_CLOSE_WINDOW_MS`, tcp.prober.ts) exists to catch docker-proxy
 * accepting a connection with nothing behind it; an answer to a request on the same port (the published-health
 * sniff's `GET /health`, an HTTP probe) proves something serves behind it right now, so waiting out the window
 * adds nothing but its 100 ms to every diagnosis. Only answers received while the probe runs count: nothing is
 * remembered from one probe (or one diagnosis) to the next. Hosts are compared as written, so `localhost` and
 * `127.0.0.1` are two ports here: a missed match only costs the full window, as before.
 */
export class AnsweredPorts {
  private readonly listeners = new Map<string, Set<() => void>>();

  /** Tells the probes of `host:port` under way that it answered a request. */
  answered(host: string, port: number): void {
    const listeners = this.listeners.get(keyOf(host, port));
    if (!listeners) return;
    this.listeners.delete(keyOf(host, port));
    for (const listener of listeners) listener();
  }

  /** The subscription a TCP probe of `host:port` takes at its start; it unsubscribes when it settles. */
  subscribe(host: string, port: number): ServedSubscription {
    return (onServed) => {
      const key = keyOf(host, port);
      const listeners = this.listeners.get(key) ?? new Set();
      listeners.add(onServed);
      this.listeners.set(key, listeners);
      return () => {
        const current = this.listeners.get(key);
        current?.delete(onServed);
        if (current?.size === 0) this.listeners.delete(key);
      };
    };
  }
}

function keyOf(host: string, port: number): string {
  return `${host.toLowerCase()}:${port}`;
}
