import { engineTimeout } from './engine-error.mapper.ts';

/**
 * Runs `work` with an AbortSignal that fires after `timeoutMs`, and rejects with an ENGINE_UNREACHABLE
 * EngineError at that moment even if the underlying request ignores the signal (a socket that accepts
 * but never answers). A rejection of `work` after the deadline is swallowed.
 */
export function withDeadline<T>(endpoint: string, what: string, timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      controller.abort();
      reject(engineTimeout(endpoint, what, timeoutMs));
    }, timeoutMs);
    work(controller.signal).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
