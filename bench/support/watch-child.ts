import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { supervisionEventSchema, type SupervisionEvent } from '../../src/shared/model/index.ts';
import { Arrivals } from '../../test/integration/support/arrivals.ts';

const repo = resolve(import.meta.dirname, '../..');

/** One NDJSON line of `watch --json`, with when the bench read it (Date.now(), ms: the engine's clock is wall time too). */
export interface ArrivedEvent {
  event: SupervisionEvent;
  arrivedMs: number;
}

/** A `stack-doctor watch --json` child process (the built CLI, `bin/stack-doctor.js` → out/cli) and its events. */
export interface WatchChild {
  readonly child: ChildProcess;
  readonly events: ArrivedEvent[];
  /** Lines that were not a valid supervision event (a healthy run has none). */
  readonly invalid: string[];
  stderr(): string;
  /** The first event from index `from` on (past or future) matching `predicate`; rejects after `withinMs`. */
  waitFor(predicate: (e: SupervisionEvent) => boolean, withinMs: number, what: string, from?: number): Promise<ArrivedEvent>;
  /** CPU time (utime + stime, clock ticks) and resident memory (VmRSS, kB) of the child, read from /proc. */
  usage(): Promise<{ ticks: number; rssKb: number }>;
  /** SIGINT, then SIGKILL after `graceMs` (default 10 000); resolves with the exit code. Idempotent. */
  stop(graceMs?: number): Promise<number | null>;
}

/** Folders the child uses instead of the user's: `<root>/config`, `<root>/data`, `<root>/logs`. */
export function startWatchChild(workspace: string, root: string): WatchChild {
  const env: Record<string, string | undefined> = {
    ...process.env,
    STACK_DOCTOR_CONFIG_DIR: join(root, 'config'),
    STACK_DOCTOR_DATA_DIR: join(root, 'data'),
    STACK_DOCTOR_LOG_DIR: join(root, 'logs'),
    STACK_DOCTOR_DEV: undefined,
    DOCKER_HOST: undefined,
    DOCKER_CONTEXT: undefined,
    ORCHESTRATOR_SERVICE_URL: undefined,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = spawn(process.execPath, [join(repo, 'bin', 'stack-doctor.js'), 'watch', '--json', '--workspace', workspace], {
    cwd: repo,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const arrivals = new Arrivals<ArrivedEvent>();
  const events = arrivals.items;
  const invalid: string[] = [];
  let buffered = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const arrivedMs = Date.now();
    buffered += chunk.toString();
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      try {
        const parsed = supervisionEventSchema.safeParse(JSON.parse(line));
        if (parsed.success) events.push({ event: parsed.data, arrivedMs });
        else invalid.push(line);
      } catch {
        invalid.push(line);
      }
    }
    arrivals.wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = new Promise<number | null>((done) => child.once('close', (code) => done(code)));

  return {
    child,
    events,
    invalid,
    stderr: () => stderr,
    waitFor: (predicate, withinMs, what, from = 0) =>
      arrivals.waitFor(
        (e) => predicate(e.event),
        withinMs,
        () => {
          const last = events.slice(-8).map((e) => JSON.stringify(e.event));
          return `watch: no ${what} within ${withinMs} ms; last events:\n${last.join('\n')}\nstderr: ${stderr.slice(-500) || 'empty'}`;
        },
        from,
      ),
    usage: () => procUsage(child.pid as number),
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGINT');
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await closed;
      clearTimeout(killer);
      return code;
    },
  };
}

/** CPU time (utime + stime, clock ticks) and resident memory (VmRSS, kB) of process `pid`, from /proc. */
export async function procUsage(pid: number): Promise<{ ticks: number; rssKb: number }> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at ") "; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
  return { ticks: Number(fields[11]) + Number(fields[12]), rssKb };
}

/** A `service-state` event of `service` (optionally: entering `state`). */
export const serviceState =
  (service: string, state?: string) =>
  (e: SupervisionEvent): boolean =>
    e.type === 'service-state' && e.service === service && (state === undefined || e.state === state);

/** A `recovery` (plan) event of `service` in plan state `state`. */
export const planState =
  (service: string, state: string) =>
  (e: SupervisionEvent): boolean =>
    e.type === 'recovery' && e.service === service && e.state === state;
