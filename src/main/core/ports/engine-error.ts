/**
 * Thrown (rejected) by every engine call when the engine cannot be reached or answers with an error.
 * `code` is stable: `ENGINE_UNREACHABLE`, `NOT_FOUND`, `CONFLICT`, `ENGINE_ERROR`, `TIMEOUT`.
 */
export class EngineError extends Error {
  constructor(
    readonly code: 'ENGINE_UNREACHABLE' | 'NOT_FOUND' | 'CONFLICT' | 'ENGINE_ERROR' | 'TIMEOUT',
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
