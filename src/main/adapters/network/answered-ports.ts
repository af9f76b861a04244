import { toDisposable } from '../../../shared/lifecycle/disposable.ts';
import { Emitter, type Event } from '../../../shared/lifecycle/emitter.ts';

/** Subscribes to "this port answered a request"; disposing it unsubscribes. See {@link AnsweredPorts.subscribe}. */
export type ServedSubscription = Event<void>;

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
  /** One emitter per `host:port` with a probe under way; it goes when its last probe unsubscribes or the port answers. */
  private readonly emitters = new Map<string, Emitter<void>>();

  /** Tells the probes of `host:port` under way that it answered a request. */
  answered(host: string, port: number): void {
    const key = keyOf(host, port);
    const emitter = this.emitters.get(key);
    if (!emitter) return;
    this.emitters.delete(key);
    emitter.emit();
    emitter.dispose();
  }

  /** The subscription a TCP probe of `host:port` takes at its start; it unsubscribes when it settles. */
  subscribe(host: string, port: number): ServedSubscription {
    return (onServed) => {
      const key = keyOf(host, port);
      let emitter = this.emitters.get(key);
      if (!emitter) {
        emitter = new Emitter<void>();
        this.emitters.set(key, emitter);
      }
      const owner = emitter;
      const subscription = owner.on(onServed);
      return toDisposable(() => {
        subscription.dispose();
        if (owner.listenerCount === 0 && this.emitters.get(key) === owner) this.emitters.delete(key);
      });
    };
  }
}

function keyOf(host: string, port: number): string {
  return `${host.toLowerCase()}:${port}`;
}
