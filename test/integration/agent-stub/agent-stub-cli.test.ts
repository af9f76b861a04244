import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { ChatSocket, postJson } from './ws-session-client.ts';

const repo = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'sd-agent-stub-cli-'));
const children: ChildProcess[] = [];

function spawnStub(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [join(repo, 'bin', 'stack-doctor.js'), 'agent-stub', ...args], {
    cwd: repo,
    env: { ...process.env, STACK_DOCTOR_CONFIG_DIR: join(dir, 'config'), STACK_DOCTOR_LOG_DIR: join(dir, 'logs') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

afterAll(async () => {
  for (const child of children.filter((c) => c.exitCode === null && c.signalCode === null)) {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('stack-doctor agent-stub (real process)', () => {
  it('prints its URL and fault, serves both transports, switches fault at run time, stops on SIGTERM with 0', async () => {
    const { child, exited, output } = spawnStub(['--port', '0', '--fault', 'http-500']);
    const line = await new Promise<string>((resolveLine, reject) => {
      createInterface({ input: child.stdout! }).on('line', (text) => text.startsWith('Agent stub listening on ') && resolveLine(text));
      void exited.then((code) => reject(new Error(`agent-stub exited with ${code}: ${output()}`)));
    });
    const match = /^Agent stub listening on (http:\/\/127\.0\.0\.1:\d+) \(fault: http-500\)$/.exec(line);
    expect(match).not.toBeNull();
    const url = match![1]!;

    expect((await postJson(`${url}/api/chat`, { message: 'hi', session_id: 's', client_id: 'c' })).status).toBe(500);
    const socket = await ChatSocket.open(url);
    expect((await socket.exchange('hi')).at(-1)?.type).toBe('complete');
    await postJson(`${url}/__stub/fault`, { mode: 'none' });
    expect((await postJson(`${url}/api/chat`, { message: 'hi', session_id: 's', client_id: 'c' })).status).toBe(200);
    await socket.close();

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('exits 3 on an unknown fault mode, naming the valid ones', async () => {
    const { exited, output } = spawnStub(['--fault', 'nope']);
    expect(await exited).toBe(3);
    expect(output()).toContain('expected one of: none, slow-first-token');
  });
});
