import { EngineError } from '../../core/ports/index.ts';

/** Socket-level failures that mean "there is no engine answering there". */
const UNREACHABLE_CODES = new Set([
  'ENOENT',
  'ECONNREFUSED',
  'EACCES',
  'EPERM',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENOTSOCK',
  'ECONNABORTED',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

interface ModemErrorShape {
  code?: unknown;
  statusCode?: unknown;
  json?: unknown;
  message?: unknown;
}

/**
 * Turns whatever dockerode/docker-modem threw into one EngineError with a single plain line naming the
 * endpoint. `what` names the operation for engine-side errors ("inspect container abc").
 */
export function toEngineError(error: unknown, endpoint: string, what: string): EngineError {
  if (error instanceof EngineError) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ModemErrorShape;
  const code = typeof shape.code === 'string' ? shape.code : undefined;
  const status = typeof shape.statusCode === 'number' ? shape.statusCode : undefined;

  if (code !== undefined && UNREACHABLE_CODES.has(code)) {
    return new EngineError('ENGINE_UNREACHABLE', `Cannot reach the Docker engine at ${endpoint}: ${code}`, error);
  }
  const engineMessage = oneLine(engineMessageOf(shape));
  if (status === 404) return new EngineError('NOT_FOUND', `${what}: ${engineMessage || 'not found'} (engine at ${endpoint})`, error);
  if (status === 409) return new EngineError('CONFLICT', `${what}: ${engineMessage || 'conflict'} (engine at ${endpoint})`, error);
  if (status !== undefined) {
    return new EngineError('ENGINE_ERROR', `${what}: HTTP ${status} ${engineMessage} (engine at ${endpoint})`.trim(), error);
  }
  return new EngineError('ENGINE_ERROR', `${what} failed at ${endpoint}: ${engineMessage || code || 'unknown error'}`, error);
}

/** The error for a call that got no answer in time; a silent socket is as good as no engine. */
export function engineTimeout(endpoint: string, what: string, timeoutMs: number): EngineError {
  return new EngineError(
    'ENGINE_UNREACHABLE',
    `Cannot reach the Docker engine at ${endpoint}: no answer to ${what} within ${timeoutMs} ms`,
  );
}

function engineMessageOf(shape: ModemErrorShape): string {
  const json = shape.json;
  if (typeof json === 'object' && json !== null && typeof (json as { message?: unknown }).message === 'string') {
    return (json as { message: string }).message;
  }
  if (typeof json === 'string' && json.trim() !== '') return json;
  if (Buffer.isBuffer(json) && json.length > 0) return json.toString('utf8');
  return typeof shape.message === 'string' ? shape.message.replace(/^\(HTTP code \d+\)\s*/, '') : '';
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
