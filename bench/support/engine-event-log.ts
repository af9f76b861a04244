import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { Arrivals } from '../../test/integration/support/arrivals.ts';

/** One container event as the engine stamped it. */
export interface LoggedEngineEvent {
  containerId: string;
  /** `die`, `start`, `kill`, `stop`, `restart`, `health_status: unhealthy`, … */
  action: string;
  /** The engine's own time of the event (`timeNano` / 1e6), ms since the epoch. */
  timeMs: number;
  /** When the bench read it (Date.now()), ms. */
  arrivedMs: number;
  attributes: Record<string, string>;
}

/** A parallel `docker events` subscription (container events carrying `label`), kept as a list. */
export interface EngineEventLog {
  readonly events: LoggedEngineEvent[];
  /** The first event from index `from` on (past or future) matching `predicate`; rejects after `withinMs`. */
  waitFor(predicate: (e: LoggedEngineEvent) => boolean, withinMs: number, what: string, from?: number): Promise<LoggedEngineEvent>;
  dispose(): void;
}

/** Subscribes (dockerode getEvents) to the container events of containers labelled `label` (`key=value`). */
export async function openEngineEventLog(docker: Docker, label: string): Promise<EngineEventLog> {
  const stream = (await docker.getEvents({ filters: { type: ['container'], label: [label] } })) as Readable;
  const arrivals = new Arrivals<LoggedEngineEvent>();
  const events = arrivals.items;
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const arrivedMs = Date.now();
    buffered += chunk;
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (line === '') continue;
      const raw = JSON.parse(line) as { Action?: string; Actor?: { ID?: string; Attributes?: Record<string, string> }; timeNano?: number };
      if (!raw.Action || !raw.Actor?.ID || typeof raw.timeNano !== 'number') continue;
      events.push({
        containerId: raw.Actor.ID,
        action: raw.Action,
        timeMs: raw.timeNano / 1e6,
        arrivedMs,
        attributes: raw.Actor.Attributes ?? {},
      });
    }
    arrivals.wake();
  });
  stream.on('error', () => undefined);
  return {
    events,
    waitFor: (predicate, withinMs, what, from = 0) =>
      arrivals.waitFor(predicate, withinMs, () => `engine: no ${what} within ${withinMs} ms`, from),
    dispose: () => stream.destroy(),
  };
}

/** An event of container `id` with action `action` (exact, e.g. `health_status: unhealthy`). */
export const engineEvent =
  (id: string, ...actions: string[]) =>
  (e: LoggedEngineEvent): boolean =>
    e.containerId === id && actions.includes(e.action);
