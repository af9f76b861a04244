import type { Readable } from 'node:stream';
import type { IBackoff, IBackoffFactory } from 'cockatiel';
import { errorMessage } from '../../../shared/error-message.ts';
import type { Disposable } from '../../../shared/lifecycle/disposable.ts';
import type { Clock, EngineEventsOptions, EngineStreamMessage } from '../../core/ports/index.ts';
import { createBackoff } from '../resilience/resilience-policies.ts';
import { parseEngineEventLine } from './engine-event.parser.ts';

/** Opens the engine's raw NDJSON event stream; rejects when the engine cannot be reached. */
export type OpenEventStream = (signal: AbortSignal) => Promise<Readable>;

/** How the subscription waits between reconnection attempts. */
export interface ReconnectBackoffOptions {
  /** First delay after a loss, ms. Default 100. */
  initialDelayMs?: number;
  /** Longest delay, ms. Default 5 000: an engine that comes back is noticed within 5 s. */
  maxDelayMs?: number;
  /** ±20% jitter (the shared backoff formula), so many clients do not retry in step. Default true. */
  jitter?: boolean;
}

/** A line longer than this is not an event: the buffer is dropped rather than grown without bound. */
const MAX_LINE_BYTES = 1024 * 1024;

/** Options of {@link subscribeToEngineEvents} beyond the port's. */
export interface EngineEventStreamOptions {
  backoff?: ReconnectBackoffOptions;
  /** How long the engine may take to accept the subscription before the attempt counts as lost, ms. Default 10 000. */
  connectTimeoutMs?: number;
}

/**
 * A subscription to the engine's events that survives the engine going away: each loss is reported with
 * the delay before the next attempt (the shared backoff, waited on the injected Clock), each
 * (re)connection is reported and followed by `reconcile`. Disposing aborts the request in flight, destroys
 * the stream and cancels a pending retry; the returned promise settles once nothing is left running.
 */
export function subscribeToEngineEvents(
  open: OpenEventStream,
  clock: Clock,
  listener: (message: EngineStreamMessage) => void,
  options: EngineEventsOptions & EngineEventStreamOptions = {},
): Disposable {
  const lifetime = new AbortController();
  const backoffs = backoffFactory(options.backoff ?? {});
  const labelFilter = options.labels ?? [];
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const emit = (message: EngineStreamMessage): void => {
    if (lifetime.signal.aborted) return;
    try {
      listener(message);
    } catch {
      // A consumer's bug must not end the subscription.
    }
  };

  const run = async (): Promise<void> => {
    let backoff: IBackoff<unknown> | undefined;
    let attempt = 0;
    let gap = false;
    while (!lifetime.signal.aborted) {
      let reason: string;
      try {
        const stream = await openWithin(open, connectTimeoutMs, clock, lifetime.signal);
        backoff = undefined;
        attempt = 0;
        emit({ type: 'stream', state: 'connected', afterGap: gap });
        const ended = pump(stream, lifetime.signal, (line) => {
          const event = parseEngineEventLine(line, labelFilter);
          if (event) emit(event);
        });
        await reconcile(options.reconcile, gap ? 'gap' : 'initial', lifetime.signal);
        reason = await ended;
      } catch (error) {
        reason = errorMessage(error);
      }
      if (lifetime.signal.aborted) return;
      gap = true;
      attempt += 1;
      backoff = backoff ? backoff.next(undefined) : backoffs.next(undefined);
      emit({ type: 'stream', state: 'lost', reason, attempt, retryInMs: backoff.duration });
      await clock.sleep(backoff.duration, lifetime.signal).catch(() => undefined);
    }
  };
  const done = run();

  return {
    async dispose() {
      lifetime.abort();
      await done;
    },
  };
}

/** `open`, given up (and its request aborted) when the engine has not answered within `timeoutMs`. */
async function openWithin(open: OpenEventStream, timeoutMs: number, clock: Clock, lifetime: AbortSignal): Promise<Readable> {
  const deadline = new AbortController();
  const timer = clock.setTimeout(() => deadline.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    return await open(AbortSignal.any([lifetime, deadline.signal]));
  } catch (error) {
    throw deadline.signal.aborted ? deadline.signal.reason : error;
  } finally {
    timer.dispose();
  }
}

/** The one backoff of src/main/adapters/resilience: the same delays as every other retry and reconnect. */
function backoffFactory(options: ReconnectBackoffOptions): IBackoffFactory<unknown> {
  const initialMs = options.initialDelayMs ?? 100;
  const maxMs = options.maxDelayMs ?? 5000;
  return createBackoff({ initialMs, maxMs, jitter: options.jitter === false ? 0 : 0.2 }) as IBackoffFactory<unknown>;
}

async function reconcile(hook: EngineEventsOptions['reconcile'], reason: 'initial' | 'gap', signal: AbortSignal): Promise<void> {
  if (!hook || signal.aborted) return;
  try {
    await hook(reason);
  } catch {
    // The consumer's reconcile failing (the engine went again mid-list) is its business; the stream goes on.
  }
}

/**
 * Feeds each NDJSON line of `stream` to `onLine`; resolves with why it stopped (ended, failed, aborted).
 * Never rejects.
 */
function pump(stream: Readable, signal: AbortSignal, onLine: (line: string) => void): Promise<string> {
  return new Promise((resolve) => {
    let buffer = '';
    const finish = (reason: string): void => {
      signal.removeEventListener('abort', onAbort);
      stream.destroy();
      resolve(reason);
    };
    const onAbort = (): void => finish('closed');
    if (signal.aborted) return finish('closed');
    signal.addEventListener('abort', onAbort, { once: true });
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        onLine(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
      }
      if (buffer.length > MAX_LINE_BYTES) buffer = '';
    });
    stream.once('end', () => finish('the engine ended the event stream'));
    stream.once('close', () => finish('the event stream closed'));
    stream.once('error', (error) => finish(`the event stream failed: ${error.message}`));
  });
}
