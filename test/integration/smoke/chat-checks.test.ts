import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentStub } from '../../../src/tools/agent-stub/agent-stub.server.ts';
import { orchestratorSmokeChat } from '../../../src/main/adapters/smoke/orchestrator-chat.adapter.ts';
import { smokeExitCode } from '../../../src/main/core/smoke/scoreboard.ts';
import { chatHarness, defaultSetup, StubPool } from '../orchestrator/chat-fixture.ts';
import { outcomes, runDeclared } from './support/run-declared.ts';

/**
 * Chat journeys over the real orchestrator client against the real agent stub: one stub per fault, so the
 * checks of one run may go concurrently.
 */
const pool = new StubPool();
let healthy: AgentStub;
let broken: AgentStub;
let slow: AgentStub;
const harnesses: Array<ReturnType<typeof chatHarness>> = [];

beforeAll(async () => {
  healthy = await pool.start();
  broken = await pool.start({ fault: 'close-1011' });
  slow = await pool.start({ fault: 'slow-first-token', delayMs: 5000 });
});
afterAll(async () => {
  await Promise.all(harnesses.map((h) => h.client.dispose()));
  await pool.closeAll();
});

/** A SmokeChatPort over a fresh OrchestratorClient whose configured target is `configuredUrl`. */
function chatPort(configuredUrl = 'http://orchestrator-service.invalid:8006') {
  const harness = chatHarness({
    setup: () => ({ ...defaultSetup(configuredUrl), chat: { journeys: { admin: { template: '[admin] {message}' } } } }),
  });
  harnesses.push(harness);
  return { port: orchestratorSmokeChat((request, onEvent) => harness.client.send(request, onEvent)), logs: harness.logs };
}

describe('chat checks against the agent stub', () => {
  it('passes WS and HTTP journeys that stream tokens and complete, pinned or through the resolved target', async () => {
    const { port, logs } = chatPort(healthy.url);
    const board = await runDeclared(
      {
        suites: {
          chat: {
            timeoutMs: 5000,
            checks: [
              { kind: 'chat', name: 'ws pinned', transport: 'ws', target: healthy.url, minTokens: 2 },
              { kind: 'chat', name: 'http pinned', transport: 'http', target: healthy.url, message: 'hello' },
              { kind: 'chat', name: 'admin journey, resolved', journey: 'admin' },
            ],
          },
        },
      },
      { chat: port },
    );
    expect(outcomes(board)).toEqual({
      'ws pinned': ['pass', undefined],
      'http pinned': ['pass', undefined],
      'admin journey, resolved': ['pass', undefined],
    });
    expect(board.results.map((r) => r.target)).toEqual([`ws ${healthy.url}`, `http ${healthy.url}`, 'ws (resolved target)']);
    expect(logs.filter((line) => line.msg === 'chat exchange complete')).toHaveLength(3);
    expect(smokeExitCode(board)).toBe(0);
  });

  it('fails a journey the stub breaks (close 1011 over WS, 500 over HTTP) or starts too late, naming class and correlation id', async () => {
    const { port } = chatPort();
    const started = performance.now();
    const board = await runDeclared(
      {
        suites: {
          chat: {
            checks: [
              { kind: 'chat', name: 'ws 1011', target: broken.url },
              { kind: 'chat', name: 'http 500', transport: 'http', target: broken.url },
              { kind: 'chat', name: 'first token too late', target: slow.url, timeoutMs: 600 },
              { kind: 'chat', name: 'unknown journey', target: healthy.url, journey: 'nope' },
            ],
          },
        },
      },
      { chat: port },
    );
    const byName = outcomes(board);
    expect(byName['ws 1011']?.[0]).toBe('fail');
    expect(byName['ws 1011']?.[1]).toMatch(/^WS_CLOSED: .*\(after 0 tokens; correlation id [\w-]{8,}\)$/);
    expect(byName['http 500']?.[1]).toMatch(/^HTTP_STATUS: .*500.*correlation id/);
    expect(byName['first token too late']?.[1]).toMatch(/^TIMEOUT: .*\(after 0 tokens; correlation id/);
    expect(byName['unknown journey']?.[0]).toBe('error');
    expect(byName['unknown journey']?.[1]).toMatch(/nope/);
    const late = board.results.find((r) => r.check === 'first token too late');
    expect(late?.durationMs).toBeGreaterThanOrEqual(590);
    expect(late?.durationMs).toBeLessThan(600 + 250);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(smokeExitCode(board)).toBe(1);
  });
});
