import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkRequest } from '../../../../src/main/cli/serve/serve-auth.ts';
import type { ServeServer } from '../../../../src/main/cli/serve/serve-server.ts';
import { lookupStatic } from '../../../../src/main/cli/serve/static-files.ts';
import { connect, get, recordingLogger, startEchoServer } from './support/serve-client.ts';

// The handlers' own dependencies, real unless a test makes one fail: the request check (synchronous, on every
// HTTP request and upgrade) and the renderer lookup (asynchronous, HTTP only; the upgrade path awaits nothing).
vi.mock(import('../../../../src/main/cli/serve/serve-auth.ts'), async (importOriginal) => {
  const real = await importOriginal();
  return { ...real, checkRequest: vi.fn(real.checkRequest) };
});
vi.mock(import('../../../../src/main/cli/serve/static-files.ts'), async (importOriginal) => {
  const real = await importOriginal();
  return { ...real, lookupStatic: vi.fn(real.lookupStatic) };
});

const TOKEN = 'handler-failure-token-0123';
const logger = recordingLogger();
let server: ServeServer;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ server, dispose } = await startEchoServer(TOKEN, logger));
});

afterEach(() => {
  logger.lines.length = 0;
});

afterAll(() => dispose?.());

const boom = (): never => {
  throw new Error('handler bug');
};

/** The log lines of failed requests; each must name the error and the path, never the token. */
function failureLines(): Array<Record<string, unknown>> {
  return logger.lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line['msg'] === 'serve request failed');
}

function expectLoggedWithoutToken(path: string): void {
  expect(failureLines()).toEqual([expect.objectContaining({ level: 'warn', err: 'handler bug', url: `${path}?token=***` })]);
  for (const line of logger.lines) expect(line).not.toContain(TOKEN);
}

describe('serve when a request handler fails', () => {
  it('answers 400 to an HTTP request whose handler throws synchronously, logs it without the token, serves the next', async () => {
    vi.mocked(checkRequest).mockImplementationOnce(boom);
    const failed = await get(server.port, `/?token=${TOKEN}`);
    expect(failed.status).toBe(400);
    expect(failed.body).toBe('Bad request.\n');
    expectLoggedWithoutToken('/');
    expect((await get(server.port, `/?token=${TOKEN}`)).status).toBe(200);
  });

  it('answers 400 to an HTTP request whose handler rejects, logs it without the token, serves the next', async () => {
    vi.mocked(lookupStatic).mockImplementationOnce(() => Promise.reject(new Error('handler bug')));
    const failed = await get(server.port, `/assets/app.js?token=${TOKEN}`);
    expect(failed.status).toBe(400);
    expectLoggedWithoutToken('/assets/app.js');
    const next = await get(server.port, `/assets/app.js?token=${TOKEN}`);
    expect(next.status).toBe(200);
    expect(next.body).toBe('console.log(1)');
  });

  it('answers 400 to a WebSocket upgrade whose handler throws, logs it without the token, accepts the next', async () => {
    vi.mocked(checkRequest).mockImplementationOnce(boom);
    await expect(connect(server.port, `?token=${TOKEN}`)).rejects.toThrow('HTTP 400');
    expectLoggedWithoutToken('/ws');
    const ws = await connect(server.port, `?token=${TOKEN}`);
    try {
      expect(server.clientCount()).toBe(1);
    } finally {
      ws.terminate();
    }
    expect((await get(server.port, `/?token=${TOKEN}`)).status).toBe(200);
  });
});
