import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../orchestrator/chat-fixture.ts';
import { outcomes, runDeclared } from './support/run-declared.ts';
import { startSmokeServer, type SmokeServer } from './support/smoke-server.ts';

let server: SmokeServer;
beforeAll(async () => {
  server = await startSmokeServer();
});
afterAll(() => server.close());

describe('tcp and dns checks from the host, real sockets and the OS resolver', () => {
  it('passes an open port and a name that resolves; fails a closed port and a name that does not', async () => {
    const closed = await closedPort();
    const board = await runDeclared({
      suites: {
        infrastructure: {
          timeoutMs: 3000,
          checks: [
            { kind: 'tcp', name: 'open', host: '127.0.0.1', port: server.port },
            { kind: 'tcp', name: 'closed', host: '127.0.0.1', port: closed },
            { kind: 'dns', name: 'localhost', host: 'localhost' },
            // .invalid never resolves (RFC 2606).
            { kind: 'dns', name: 'nowhere', host: 'orchestrator-service.invalid' },
          ],
        },
      },
    });
    const byName = outcomes(board);
    expect(byName.open).toEqual(['pass', undefined]);
    expect(byName.closed).toEqual(['fail', `ECONNREFUSED: Connection refused (127.0.0.1:${closed})`]);
    expect(byName.localhost).toEqual(['pass', undefined]);
    expect(byName.nowhere?.[0]).toBe('fail');
    expect(byName.nowhere?.[1]).toMatch(/^(ENOTFOUND|EAI_AGAIN|TIMEOUT): /);
    expect(board.results.map((r) => r.target)).toEqual([
      `127.0.0.1:${server.port}`,
      `127.0.0.1:${closed}`,
      'localhost from host',
      'orchestrator-service.invalid from host',
    ]);
    expect(board).toMatchObject({ passed: 2, failed: 2, errors: 0, total: 4 });
  });
});
