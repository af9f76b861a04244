import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { supervisionEventSchema, type SupervisionEvent } from '../../../../src/shared/model/index.ts';
import type { TempWorkspace } from '../../check/run-check.ts';
import { Arrivals } from '../../support/arrivals.ts';

const repo = resolve(import.meta.dirname, '../../../..');
const bin = join(repo, 'bin', 'stack-doctor.js');

/** A running `stack-doctor watch --json` child and the events it printed, each line checked against the schema. */
export interface WatchProcess {
  child: ChildProcess;
  events: SupervisionEvent[];
  /** Lines that were not valid JSON or not a supervision event (a test expects none). */
  invalid: string[];
  stderr(): string;
  /** Resolves with the first event (past or future) matching `predicate`; rejects after `withinMs`. */
  waitFor(predicate: (e: SupervisionEvent) => boolean, withinMs?: number, description?: string): Promise<SupervisionEvent>;
  /** Sends `signal` and resolves with the exit code (SIGKILL after 15 s). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `watch --json --workspace <dir>` with the workspace's private config, log and data folders. */
export function startWatch(ws: TempWorkspace, env: Record<string, string> = {}): WatchProcess {
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    DOCKER_HOST: undefined,
    DOCKER_CONTEXT: undefined,
    ORCHESTRATOR_SERVICE_URL: undefined,
    STACK_DOCTOR_DATA_DIR: join(ws.dir, '..', 'data'),
    ...ws.env,
    ...env,
  };
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
  const child = spawn(process.execPath, [bin, 'watch', '--json', '--workspace', ws.dir], {
    cwd: repo,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const arrivals = new Arrivals<SupervisionEvent>();
  const events = arrivals.items;
  const invalid: string[] = [];
  let buffered = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      try {
        const parsed = supervisionEventSchema.safeParse(JSON.parse(line));
        if (parsed.success) events.push(parsed.data);
        else invalid.push(line);
      } catch {
        invalid.push(line);
      }
    }
    arrivals.wake();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = new Promise<number | null>((done) => child.once('close', (code) => done(code)));

  return {
    child,
    events,
    invalid,
    stderr: () => stderr,
    waitFor: (predicate, withinMs = 30_000, description = 'event') =>
      arrivals.waitFor(
        predicate,
        withinMs,
        () => `no ${description} within ${withinMs} ms; events:\n${events.map((e) => JSON.stringify(e)).join('\n')}\nstderr:\n${stderr}`,
      ),
    async stop(signal = 'SIGINT') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await closed;
      clearTimeout(killer);
      return code;
    },
  };
}

/** A service-state event of `service` entering `state`. */
export const entered =
  (service: string, state: string) =>
  (e: SupervisionEvent): boolean =>
    e.type === 'service-state' && e.service === service && e.state === state;

/** A recovery (plan) event of `service` in `state`. */
export const plan =
  (service: string, state: string) =>
  (e: SupervisionEvent): boolean =>
    e.type === 'recovery' && e.service === service && e.state === state;
