import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import type { SupervisionEvent } from '../../src/shared/model/index.ts';
import type { CreatedContainer, DockerFixture } from '../../test/integration/support/docker-fixture-core.ts';
import type { ComposeWorkspace } from './compose-workspace.ts';
import { engineEvent, type EngineEventLog } from './engine-event-log.ts';
import { planState, serviceState, startWatchChild, type WatchChild } from './watch-child.ts';

const run = promisify(execFile);

/** A process that runs until `/tmp/crash` appears, then exits 1 (a crash from inside: `die` with no stop/kill). */
export const CRASH_ON_DEMAND = ['sh', '-c', 'rm -f /tmp/crash; while [ ! -f /tmp/crash ]; do sleep 0.1; done; exit 1'];
/** Healthy until `/tmp/sick` appears (its HEALTHCHECK is `test ! -f /tmp/sick`); a start clears it; SIGTERM ends it. */
export const SICK_ON_DEMAND = ['sh', '-c', "rm -f /tmp/sick; trap 'exit 0' TERM; while true; do sleep 0.1; done"];
/** Fails at once, every time. */
export const ALWAYS_CRASHING = ['sh', '-c', 'echo "crasher: always failing" >&2; exit 1'];

/** Creates the execs first, then starts them together: both triggers fire at (nearly) the same instant. */
export async function execTogether(docker: Docker, ids: string[], argv: string[]): Promise<void> {
  const execs = await Promise.all(ids.map((id) => docker.getContainer(id).exec({ Cmd: argv, AttachStdout: false, AttachStderr: false })));
  await Promise.all(execs.map((e) => e.start({ Detach: true })));
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Waits until every container runs and has been up at least `upMs` (both Docker and Stack Doctor call that stable). */
export async function waitStable(fixture: DockerFixture, ids: string[], upMs: number): Promise<void> {
  for (;;) {
    const infos = await Promise.all(ids.map((id) => fixture.inspect(id)));
    const lacking = infos.map((i) => (i.State.Running ? upMs - (Date.now() - Date.parse(i.State.StartedAt)) : 500));
    const wait = Math.max(...lacking);
    if (wait <= 0) return;
    await sleep(Math.min(wait + 50, 11_000));
  }
}

/** Waits until the last `service-state` line of each service says `state` (the watch agrees the service is up). */
export async function waitWatchState(w: WatchChild, services: string[], state: string, withinMs = 30_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  const last = (service: string): string | undefined => {
    const e = w.events.findLast((x) => serviceState(service)(x.event))?.event;
    return e?.type === 'service-state' ? e.state : undefined;
  };
  while (!services.every((s) => last(s) === state)) {
    if (Date.now() > deadline)
      throw new Error(
        `watch: ${services.join(', ')} not all ${state} within ${withinMs} ms: ${services.map((s) => `${s} ${last(s) ?? 'no line'}`).join(', ')}; last events:\n${w.events
          .slice(-8)
          .map((e) => JSON.stringify(e.event))
          .join('\n')}\nstderr: ${w.stderr().slice(-500) || 'empty'}`,
      );
    await sleep(50);
  }
}

/** Starts `watch --json` on the workspace and waits until it supervises (started, event stream connected). */
export async function readyWatch(ws: ComposeWorkspace, track: (w: WatchChild) => void): Promise<WatchChild> {
  const w = startWatchChild(ws.dir, ws.root);
  track(w);
  await w.waitFor((e) => e.type === 'supervision' && e.state === 'started', 60_000, 'supervision started');
  await w.waitFor((e) => e.type === 'engine' && e.state === 'connected', 10_000, 'engine connected');
  return w;
}

/** One crash round: `web` (under watch) and its `restart: always` twin crash from inside at the same instant. */
export interface CrashRound {
  /** die (engine time) → the watch child's `service-state` line read by the bench, ms. */
  dieToStateMs: number;
  /** die (engine time) → the `at` the watch child stamped on that line, ms (its own clock, before stdout). */
  dieToStateAtMs: number;
  /** die (engine time) → the bench's own `docker events` subscription read it: the same-run floor, ms. */
  dieToSubscriberMs: number;
  /** die → the watch child's `recovery` IN_PROGRESS line (it is about to call the engine), ms. */
  dieToActMs: number;
  /** die → next start (engine times), under watch and under `restart: always`, ms (Infinity: never restarted). */
  watchRecoveryMs: number;
  dockerRecoveryMs: number;
  /** The state the line reported. */
  state: string;
}

export async function crashRound(
  docker: Docker,
  log: EngineEventLog,
  w: WatchChild,
  web: CreatedContainer,
  twin: CreatedContainer,
): Promise<CrashRound> {
  const from = log.events.length;
  const wFrom = w.events.length;
  await execTogether(docker, [web.id, twin.id], ['touch', '/tmp/crash']);
  const [dieW, dieT] = await Promise.all([
    log.waitFor(engineEvent(web.id, 'die'), 10_000, 'die of web', from),
    log.waitFor(engineEvent(twin.id, 'die'), 10_000, 'die of the twin', from),
  ]);
  // The first change away from healthy: the crash seen (a late `starting → healthy` line is not it).
  const left = (e: SupervisionEvent): boolean => serviceState('web')(e) && e.type === 'service-state' && e.previous === 'healthy';
  const line = await w.waitFor(left, 10_000, 'service-state of web leaving healthy', wFrom);
  const startOf = (id: string): Promise<number> =>
    log.waitFor(engineEvent(id, 'start'), 20_000, 'start', from).then(
      (e) => e.timeMs,
      () => Number.POSITIVE_INFINITY,
    );
  const [startW, startT] = await Promise.all([startOf(web.id), startOf(twin.id)]);
  const acting = await w.waitFor(planState('web', 'IN_PROGRESS'), 10_000, 'web recovery in progress', wFrom);
  await w.waitFor(planState('web', 'SUCCEEDED'), 30_000, 'web recovered', wFrom);
  return {
    dieToStateMs: line.arrivedMs - dieW.timeMs,
    dieToStateAtMs: Date.parse(line.event.at) - dieW.timeMs,
    dieToSubscriberMs: dieW.arrivedMs - dieW.timeMs,
    dieToActMs: acting.arrivedMs - dieW.timeMs,
    watchRecoveryMs: startW - dieW.timeMs,
    dockerRecoveryMs: startT - dieT.timeMs,
    state: line.event.type === 'service-state' ? line.event.state : '?',
  };
}

/**
 * One unhealthy round: `db` (under watch) and `dbTwin` (outside the stack, same HEALTHCHECK) are made unhealthy
 * together; the bench restarts the twin itself the moment its own subscription reads the twin's `health_status:
 * unhealthy` (the least a reactor can do: the same-run baseline). How long until the engine sees each restart begin.
 */
export interface UnhealthyRound {
  /** `health_status: unhealthy` → first kill/stop/restart event of `db` (engine times), ms (Infinity: never). */
  unhealthyToRestartMs: number;
  /** `health_status: unhealthy` → the `at` the watch child stamped on `db`'s recovery IN_PROGRESS line (its decision), ms. */
  decidedMs: number;
  /** The same for the twin, restarted by the bench's bare reactor, ms. */
  baselineMs: number;
  /** The action that came first (`kill 15` for a graceful restart: SIGTERM). */
  action: string;
}

export async function unhealthyRound(
  docker: Docker,
  log: EngineEventLog,
  w: WatchChild,
  db: CreatedContainer,
  dbTwin: CreatedContainer,
): Promise<UnhealthyRound> {
  const from = log.events.length;
  const wFrom = w.events.length;
  const reactor = log
    .waitFor(engineEvent(dbTwin.id, 'health_status: unhealthy'), 15_000, 'twin unhealthy', from)
    .then(() => docker.getContainer(dbTwin.id).restart({ t: 10 }));
  await execTogether(docker, [db.id, dbTwin.id], ['touch', '/tmp/sick']);
  const restartOf = async (id: string) => {
    const unhealthy = await log.waitFor(engineEvent(id, 'health_status: unhealthy'), 15_000, 'unhealthy', from);
    const restart = await log.waitFor(engineEvent(id, 'kill', 'stop', 'restart'), 15_000, 'restart', from).catch(() => undefined);
    return { unhealthy, restart };
  };
  const [mine, base] = await Promise.all([restartOf(db.id), restartOf(dbTwin.id)]);
  await reactor;
  const acting = mine.restart ? await w.waitFor(planState('db', 'IN_PROGRESS'), 10_000, 'db restart in progress', wFrom) : undefined;
  if (mine.restart) await w.waitFor(planState('db', 'SUCCEEDED'), 30_000, 'db restarted and healthy', wFrom);
  const gap = (r: typeof mine): number => (r.restart ? r.restart.timeMs - r.unhealthy.timeMs : Number.POSITIVE_INFINITY);
  const signal = mine.restart?.attributes['signal'];
  return {
    unhealthyToRestartMs: gap(mine),
    decidedMs: acting ? Date.parse(acting.event.at) - mine.unhealthy.timeMs : Number.NaN,
    baselineMs: gap(base),
    action: mine.restart ? mine.restart.action + (signal ? ` ${signal}` : '') : 'none',
  };
}

/** Clock ticks a second (utime/stime in /proc are in these). */
export async function clockTicks(): Promise<number> {
  const { stdout } = await run('getconf', ['CLK_TCK']).catch(() => ({ stdout: '100' }));
  const n = Number(stdout.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
}
