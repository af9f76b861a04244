import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAgentStub, type AgentStub } from '../../../src/tools/agent-stub/agent-stub.server.ts';
import { NetworkProbeAdapter } from '../../../src/main/adapters/network/network-probe.adapter.ts';
import { OrchestratorClient } from '../../../src/main/adapters/orchestrator/orchestrator-client.ts';
import { eventContract } from '../../../src/shared/contract/index.ts';
import type { ChatEvent } from '../../../src/shared/model/index.ts';
import { ContractClient, startServe, type RunningServe } from './serve-harness.ts';

const TOKENS = 10_000;
const RUNS = 3;

let dir: string;
let stub: AgentStub;
let serve: RunningServe;
let client: ContractClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sd-chat-stream-'));
  mkdirSync(join(dir, 'workspace'));
  stub = await startAgentStub({ port: 0 });
  serve = await startServe(dir, join(dir, 'workspace'));
  client = await ContractClient.connect(serve.url);
});

afterAll(async () => {
  client?.close();
  await serve?.stop();
  await stub?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

it(`streams ${TOKENS} tokens through serve mode, one chat:event frame each, in order`, async () => {
  // Baseline: the same client in-process, no contract hop.
  const direct = new OrchestratorClient({
    net: new NetworkProbeAdapter(),
    setup: () => ({
      target: {
        configuredUrl: stub.url,
        configuredFrom: 'test',
        fallbackUrl: stub.url,
        aliases: [],
        healthPath: '/health',
        timeoutMs: 1500,
      },
    }),
  });
  const directMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    let tokens = 0;
    const started = performance.now();
    const outcome = await direct.send({ message: `stream ${TOKENS}`, transport: 'ws', pinnedTarget: stub.url }, (event: ChatEvent) => {
      if (event.type === 'token' && event.role === 'assistant') tokens++;
    });
    directMs.push(performance.now() - started);
    expect(outcome.ok).toBe(true);
    expect(tokens).toBe(TOKENS);
  }
  await direct.dispose();

  const serveMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const from = client.events.length;
    const started = performance.now();
    const { result } = await client.invoke('chat:send', { message: `stream ${TOKENS}`, transport: 'ws', pinnedTarget: stub.url });
    serveMs.push(performance.now() - started);
    expect(result).toMatchObject({ ok: true, value: { ok: true } });
    const events = client.since(from, eventContract.chatEvent.channel) as Array<{ event: ChatEvent }>;
    const assistant = events.flatMap(({ event }) => (event.type === 'token' && event.role === 'assistant' ? [event.content.trim()] : []));
    expect(assistant).toHaveLength(TOKENS);
    expect(assistant.every((content, i) => content === `tok${i + 1}`)).toBe(true);
    expect(events.at(-1)?.event.type).toBe('complete');
  }
  const d = median(directMs);
  const s = median(serveMs);
  console.log(
    `stream ${TOKENS} (median of ${RUNS}): client in-process ${d.toFixed(0)} ms; through serve mode's ws, send → result with every chat:event frame received ${s.toFixed(0)} ms ` +
      `(${Math.round(TOKENS / (s / 1000))} tokens/s, ×${(s / d).toFixed(2)})`,
  );
});
