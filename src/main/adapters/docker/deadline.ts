import { EngineError } from '../../core/ports/index.ts';
import { engineTimeout } from './engine-error.mapper.ts';

/**
 * Runs `work` with an AbortSignal that fires after `timeoutMs` or when `parent` aborts (the adapter is
 * disposed), and rejects with an ENGINE_UNREACHABLE EngineError at that moment even if the underlying
 * request ignores the signal (a socket that accepts but never answers). A rejection of `work` after that
 * is swallowed.
 */
export function withDeadline<T>(
  endpoint: string,
  what: string,
  timeoutMs: number,
  work: (signal: AbortSignal) => Promise<T>,
  parent?: AbortSignal,
): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const stop = (error: EngineError): void => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
      controller.abort();
      reject(error);
    };
    const onParentAbort = (): void => stop(closedError(endpoint, what));
    const timer = setTimeout(() => stop(engineTimeout(endpoint, what, timeoutMs)), timeoutMs);
    if (parent?.aborted) return stop(closedError(endpoint, what));
    parent?.addEventListener('abort', onParentAbort, { once: true });
    work(controller.signal).then(
      (value) => {
        clearTimeout(timer);
        parent?.removeEventListener('abort', onParentAbort);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        parent?.removeEventListener('abort', onParentAbort);
        reject(error);
      },
    );
  });
}

/** The error of a call cut short because the engine client was closed. */
export function closedError(endpoint: string, what: string): EngineError {
  return new EngineError('ENGINE_UNREACHABLE', `Cannot reach the Docker engine at ${endpoint}: the client was closed during ${what}`);
}
