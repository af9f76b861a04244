import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentStub, type AgentStub } from '../../../src/tools/agent-stub/agent-stub.server.ts';
import { openProcessApp } from '../../../src/main/app/open-process-app.ts';
import { forwardAppEvents } from '../../../src/main/ipc/app-events.ts';

/** `process.getActiveResourcesInfo()` as counts per kind (`TCPSocketWrap`, `Timeout`, `FSReqCallback`, …). */
function resources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

const same = (a: Map<string, number>, b: Map<string, number>): boolean =>
  a.size === b.size && [...a].every(([kind, count]) => b.get(kind) === count);

/**
 * The process's resources once they stop changing: the runner holds a timer of its own for the first ~100 ms
 * of a test, and a baseline taken then would hide one timer the app leaks.
 */
async function steadyResources(): Promise<Map<string, number>> {
  let previous = resources();
  for (let stable = 0; stable < 4;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const current = resources();
    stable = same(current, previous) ? stable + 1 : 0;
    previous = current;
  }
  return previous;
}

/** Kinds with more live resources now than in `before`, and how many more. */
function leftOver(before: Map<string, number>): Record<string, number> {
  const extra: Record<string, number> = {};
  for (const [kind, count] of resources()) if (count > (before.get(kind) ?? 0)) extra[kind] = count - (before.get(kind) ?? 0);
  return extra;
}

/** Polls until nothing is left over (a closed socket leaves the list on its close callback), or gives up. */
async function settledLeftOver(before: Map<string, number>, withinMs = 3000): Promise<Record<string, number>> {
  const until = Date.now() + withinMs;
  let extra = leftOver(before);
  while (Object.keys(extra).length > 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    extra = leftOver(before);
  }
  return extra;
}

let dir: string;
let stub: AgentStub;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stack-doctor-leak-'));
  stub = await startAgentStub({ host: '127.0.0.1', port: 0 });
  // The orchestrator is the stub: the check's target decision GETs its /health, the chat talks to it over WS.
  await writeFile(join(dir, 'stack-doctor.yaml'), `orchestrator:\n  url: ${stub.url}\n`);
});

afterAll(async () => {
  await stub?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the app leaves nothing behind', () => {
  it('builds the app, checks, chats, runs its periodic check, disposes: no timer, socket or handle of its own is left', async () => {
    const before = await steadyResources();

    const env = {
      ...process.env,
      STACK_DOCTOR_LOG_DIR: join(dir, 'logs'),
      STACK_DOCTOR_CONFIG_DIR: join(dir, 'config'),
      ORCHESTRATOR_SERVICE_URL: undefined,
    };
    const app = openProcessApp({ env, cwd: dir, verbose: false, workspace: () => dir });
    const services = await app.services();
    const events: string[] = [];
    app.add(forwardAppEvents({ ...services, settings: app.settings }, (channel) => events.push(channel)));
    await app.startPeriodicCheck();

    const diagnosis = await services.diagnosis.diagnose({ workspace: dir });
    expect(diagnosis.engine.ok).toBe(true); // the real engine answered: its client was used
    expect(diagnosis.orchestrator.decision).toBe('as-configured');
    const outcome = await services.chat.send({ message: 'hello agent', transport: 'ws' });
    expect(outcome).toMatchObject({ ok: true, response: expect.stringContaining('hello agent') });
    expect(events).toEqual(expect.arrayContaining(['diagnosis:started', 'diagnosis:completed', 'chat:event']));
    // While the app lives it holds resources (the periodic timer, the idle WS socket of the chat session).
    expect(Object.keys(leftOver(before)).length).toBeGreaterThan(0);

    await app.dispose();
    expect(await settledLeftOver(before)).toEqual({});
  });
});
