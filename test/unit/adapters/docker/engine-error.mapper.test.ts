import { describe, expect, it } from 'vitest';
import { withDeadline } from '../../../../src/main/adapters/docker/deadline.ts';
import { toEngineError } from '../../../../src/main/adapters/docker/engine-error.mapper.ts';
import { EngineError } from '../../../../src/main/core/ports/index.ts';

const at = 'unix:///tmp/e.sock';
const modemError = (statusCode: number, message: string): Error =>
  Object.assign(new Error(`(HTTP code ${statusCode}) x - ${message} `), { statusCode, json: { message } });

describe('toEngineError', () => {
  it('maps socket failures to ENGINE_UNREACHABLE naming the endpoint', () => {
    for (const code of ['ENOENT', 'ECONNREFUSED', 'EACCES']) {
      const e = toEngineError(Object.assign(new Error('x'), { code }), at, 'list containers');
      expect(e).toMatchObject({ code: 'ENGINE_UNREACHABLE', message: `Cannot reach the Docker engine at ${at}: ${code}` });
    }
  });
  it('maps 404 / 409 / 500 to NOT_FOUND / CONFLICT / ENGINE_ERROR on one line', () => {
    expect(toEngineError(modemError(404, 'No such container: x'), at, 'exec')).toMatchObject({
      code: 'NOT_FOUND',
      message: `exec: No such container: x (engine at ${at})`,
    });
    expect(toEngineError(modemError(409, 'Container abc is not running'), at, 'exec').code).toBe('CONFLICT');
    const e = toEngineError(modemError(500, 'boom\nsecond line'), at, 'list');
    expect(e).toMatchObject({ code: 'ENGINE_ERROR', message: `list: HTTP 500 boom second line (engine at ${at})` });
  });
  it('passes EngineErrors through and wraps the unknown', () => {
    const original = new EngineError('TIMEOUT', 't');
    expect(toEngineError(original, at, 'x')).toBe(original);
    expect(toEngineError('weird', at, 'version').code).toBe('ENGINE_ERROR');
  });
});

describe('withDeadline', () => {
  it('rejects at the deadline even when the work ignores the abort signal', async () => {
    let aborted = false;
    const never = (signal: AbortSignal): Promise<never> => {
      signal.addEventListener('abort', () => (aborted = true));
      return new Promise(() => undefined);
    };
    await expect(withDeadline(at, 'version', 20, never)).rejects.toMatchObject({ code: 'ENGINE_UNREACHABLE' });
    expect(aborted).toBe(true);
  });
  it('resolves with the work when it is in time', async () => {
    await expect(withDeadline(at, 'version', 1000, async () => 42)).resolves.toBe(42);
  });
});
