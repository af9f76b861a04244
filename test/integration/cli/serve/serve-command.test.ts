import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

const repo = resolve(import.meta.dirname, '../../../..');
let dir: string;
let child: ChildProcess;
let url: URL;
let stderr = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sd-serve-cli-'));
  child = spawn(process.execPath, [join(repo, 'bin', 'stack-doctor.js'), 'serve', '--no-open', '--workspace', dir], {
    cwd: repo,
    env: { ...process.env, STACK_DOCTOR_CONFIG_DIR: join(dir, 'config'), STACK_DOCTOR_LOG_DIR: join(dir, 'logs') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // The documented line a user (and the e2e suite) reads the URL from.
  const line = await new Promise<string>((resolveLine, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (text) => text.startsWith('Stack Doctor dashboard: ') && resolveLine(text));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  url = new URL(line.slice('Stack Doctor dashboard: '.length));
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `stack-doctor serve …` to its end (or its URL line, then stops it) and returns what it printed. */
async function runToEnd(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = spawn(process.execPath, [join(repo, 'bin', 'stack-doctor.js'), 'serve', '--no-open', '--workspace', dir, ...args], {
    cwd: repo,
    env: { ...process.env, STACK_DOCTOR_CONFIG_DIR: join(dir, 'config'), STACK_DOCTOR_LOG_DIR: join(dir, 'logs'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  run.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes('Stack Doctor dashboard: ')) run.kill('SIGTERM');
  });
  run.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise<number | null>((done) => run.once('exit', done));
  return { code, stdout: out, stderr: err };
}

describe('stack-doctor serve refuses unsafe setups (real process)', () => {
  // The token refusals and STACK_DOCTOR_TOKEN need no engine: test/unit/cli/serve/serve-command.test.ts.
  it('refuses --host 0.0.0.0 without --allow-remote, and warns with it', async () => {
    const refused = await runToEnd(['--host', '0.0.0.0']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('--allow-remote');
    const allowed = await runToEnd(['--host', '0.0.0.0', '--allow-remote']);
    expect(allowed.stderr).toContain('warning: serving on 0.0.0.0');
    expect(allowed.code).toBe(0);
  });
});

describe('stack-doctor serve (real process)', () => {
  it('prints a 127.0.0.1 URL with a random per-run token', () => {
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('serves the contract: app info, a real diagnosis with its events, settings with their event', async () => {
    const ws = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`, { headers: { Origin: `http://${url.host}` } });
    const frames: Record<string, unknown>[] = [];
    const waiters: { match: (f: Record<string, unknown>) => boolean; done: (f: Record<string, unknown>) => void }[] = [];
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Record<string, unknown>;
      frames.push(frame);
      for (const w of waiters.filter((x) => x.match(frame))) w.done(frame);
    });
    const waitFor = (match: (f: Record<string, unknown>) => boolean) =>
      new Promise<Record<string, unknown>>((done) => {
        const seen = frames.find(match);
        if (seen) done(seen);
        else waiters.push({ match, done });
      });
    await new Promise((done, fail) => ws.once('open', done).once('error', fail));
    const call = (id: number, channel: string, payload: unknown) => {
      ws.send(JSON.stringify({ kind: 'invoke', id, channel, payload }));
      return waitFor((f) => f.kind === 'result' && f.id === id);
    };

    expect(await call(1, 'app:info', {})).toMatchObject({ result: { ok: true, value: { host: 'serve', workspace: dir } } });

    const run = await call(2, 'diagnosis:run', {});
    expect(run).toMatchObject({ result: { ok: true, value: { workspace: dir } } });
    const started = await waitFor((f) => f.channel === 'diagnosis:started');
    const completed = await waitFor((f) => f.channel === 'diagnosis:completed');
    expect((completed.payload as { correlationId: string }).correlationId).toBe(
      (started.payload as { correlationId: string }).correlationId,
    );

    expect(await call(3, 'settings:update', { refreshIntervalSec: 60 })).toMatchObject({
      result: { ok: true, value: { refreshIntervalSec: 60 } },
    });
    expect(await waitFor((f) => f.channel === 'settings:changed')).toMatchObject({ payload: { refreshIntervalSec: 60 } });
    ws.close();
  });

  it('diagnoses only the served workspace: a client asking for /etc is refused', async () => {
    const ws = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`, { headers: { Origin: `http://${url.host}` } });
    await new Promise((done, fail) => ws.once('open', done).once('error', fail));
    const answer = new Promise<Record<string, unknown>>((done) => ws.once('message', (data) => done(JSON.parse(data.toString()))));
    ws.send(JSON.stringify({ kind: 'invoke', id: 1, channel: 'diagnosis:run', payload: { workspace: '/etc' } }));
    expect(await answer).toMatchObject({ id: 1, result: { ok: false, error: { code: 'INVALID_REQUEST' } } });
    expect(JSON.stringify(await answer)).toContain(dir);
    ws.close();
  });

  it('stops cleanly on SIGTERM with exit code 0', async () => {
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
