import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { smokeScoreboardSchema } from '../../../src/shared/model/index.ts';
import { tempWorkspace, type TempWorkspace } from '../check/run-check.ts';
import { spawnCli } from './spawn-cli.ts';

/**
 * Ctrl-C during `stack-doctor smoke`: a real server on 127.0.0.1 answers `/ok` at once and holds `/hang` open. When
 * the held request arrives, the test sends SIGINT to the CLI: the request in flight must be aborted (the server
 * sees its socket close), the scoreboard of what ran printed, the JUnit file written, and the exit code 130.
 */
let ws: TempWorkspace;
let server: Server;
let base: string;
const held: IncomingMessage[] = [];
let onHeld: (() => void) | null = null;

beforeAll(async () => {
  ws = await tempWorkspace('sd-smoke-sigint-');
  server = createServer((request, response) => {
    if (request.url === '/ok') return response.end('ok');
    held.push(request);
    onHeld?.();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = {
    smoke: {
      concurrency: 1,
      suites: {
        http: {
          checks: [
            { kind: 'http', name: 'answers', url: `${base}/ok` },
            { kind: 'http', name: 'hangs', url: `${base}/hang`, timeoutMs: 60_000 },
            { kind: 'http', name: 'never started', url: `${base}/ok` },
          ],
        },
      },
    },
  };
  await ws.write('stack-doctor.yaml', stringify(config));
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((done) => server.close(() => done()));
});

describe('stack-doctor smoke and Ctrl-C', () => {
  it('aborts the check in flight, skips the rest, prints the scoreboard and the JUnit file of what ran, exits 130', async () => {
    const junit = join(ws.dir, 'junit.xml');
    const arrived = new Promise<void>((done) => (onHeld = done));
    const cli = spawnCli(ws, ['smoke', '--workspace', ws.dir, '--suite', 'http', '--json', '--junit', junit]);
    await arrived;
    const closed = new Promise<void>((done) => held[0]!.socket.once('close', () => done()));
    cli.child.kill('SIGINT');

    const run = await cli.done;

    expect(run.code, run.stderr).toBe(130);
    await closed; // the held request's socket: the CLI aborted it rather than waiting out its 60 s budget
    expect(run.wallMs).toBeLessThan(30_000);
    expect(run.stderr).toContain('interrupted, cancelling the smoke run');
    expect(run.stderr).toMatch(/interrupted: 2 of 3 check\(s\) ran \(1 passed\)/);
    const board = smokeScoreboardSchema.parse(JSON.parse(run.stdout));
    expect(board.cancelled).toBe(true);
    expect(board.results.map((r) => [r.check, r.result])).toEqual([
      ['answers', 'pass'],
      ['hangs', 'error'],
      ['never started', 'skipped'],
    ]);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toContain('name="hangs"');
  });
});
