import { describe, expect, it } from 'vitest';
import type { Check, CheckScope } from '../../../../src/main/core/checks/check.ts';
import { GUARD_GRACE_MS } from '../../../../src/main/core/checks/check-guard.ts';
import { factKey } from '../../../../src/main/core/checks/fact-store.ts';
import { runChecks } from '../../../../src/main/core/checks/run-checks.ts';
import type { EngineReadPort, NetworkProbePort } from '../../../../src/main/core/ports/index.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { hostRuntime, okEngine, stackOf } from '../findings/builders.ts';

const scope: CheckScope = {
  stack: stackOf([]),
  services: [],
  config: {},
  engine: okEngine(),
  runtime: hostRuntime,
  containers: [],
  networks: [],
  timeoutMs: 1000,
  timeoutOf: () => 1000,
  orchestrator: {
    configuredUrl: 'http://x:1',
    configuredFrom: 'default',
    fallbackUrl: 'http://localhost:1',
    aliases: [],
    healthPath: '/h',
    timeoutMs: 1000,
  },
};
// The runner hands these to checks; the checks below never touch them.
const ports = { engine: {} as EngineReadPort, net: {} as NetworkProbePort };

interface Outcome {
  subject: string;
  result: string;
  latencyMs?: number;
}

/** A check over fixed subjects whose runs are driven by `behave`. */
function scripted(
  id: string,
  subjects: string[],
  behave: (subject: string) => Promise<string>,
  concurrency?: number,
): Check<string, Outcome> {
  return {
    id,
    key: factKey<Outcome>(id),
    ...(concurrency ? { concurrency } : {}),
    subjects: () => subjects,
    timeoutOf: (subject) => (subject === 'slow-budget' ? 5000 : 1000),
    run: async (subject) => [{ subject, result: await behave(subject) }],
    failed: (subject, error, latencyMs) => [{ subject, result: error.code, latencyMs }],
    findings: () => [],
  };
}

describe('runChecks', () => {
  it('gives up on a subject that never settles after its budget plus grace, on the injected clock', async () => {
    const clock = new FakeClock();
    const check = scripted('hang', ['a', 'slow-budget'], () => new Promise<string>(() => undefined));
    const run = runChecks([check], scope, { ...ports, clock });
    let done = false;
    void run.then(() => (done = true));

    await clock.advance(1000 + GUARD_GRACE_MS - 1);
    expect(done).toBe(false);
    await clock.advance(1);
    expect(done).toBe(false); // 'slow-budget' has 5000 ms
    await clock.advance(4000);
    const facts = await run;
    expect(facts.get(check.key)).toEqual([
      { subject: 'a', result: 'TIMEOUT', latencyMs: 1000 + GUARD_GRACE_MS },
      { subject: 'slow-budget', result: 'TIMEOUT', latencyMs: 5000 + GUARD_GRACE_MS },
    ]);
    expect(clock.pending).toBe(0);
  });

  it('turns a rejection into the check’s failed facts and cancels the guard timer of what settled', async () => {
    const clock = new FakeClock();
    const check = scripted('mixed', ['ok', 'boom'], async (s) => {
      if (s === 'boom') throw new Error('adapter bug');
      return 'fine';
    });
    const facts = await runChecks([check], scope, { ...ports, clock });
    expect(facts.get(check.key)).toEqual([
      { subject: 'ok', result: 'fine' },
      { subject: 'boom', result: 'CHECK_FAILED', latencyMs: 0 },
    ]);
    expect(clock.pending).toBe(0);
  });

  it('starts every subject of every check before any ends, unless a check bounds its concurrency', async () => {
    const clock = new FakeClock();
    const events: string[] = [];
    const behave = (tag: string) => async (s: string) => {
      events.push(`start ${tag}${s}`);
      await clock.sleep(10);
      events.push(`end ${tag}${s}`);
      return s;
    };
    const free = scripted('free', ['1', '2', '3'], behave('f'));
    const bounded = scripted('bounded', ['1', '2', '3'], behave('b'), 1);
    const run = runChecks([free, bounded], scope, { ...ports, clock });
    await clock.advance(10);
    await clock.advance(10);
    await clock.advance(10);
    await run;
    const firstEnd = events.findIndex((e) => e.startsWith('end'));
    expect(events.slice(0, firstEnd).sort()).toEqual(['start b1', 'start f1', 'start f2', 'start f3']);
    expect(events.filter((e) => e.includes(' b'))).toEqual(['start b1', 'end b1', 'start b2', 'end b2', 'start b3', 'end b3']);
  });
});
