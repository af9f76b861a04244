import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkProbeAdapter } from '../../../../src/main/adapters/network/network-probe.adapter.ts';
import {
  resolveOrchestratorTarget,
  TARGET_INPUT_DEFAULTS,
  type TargetInput,
} from '../../../../src/main/core/orchestrator/resolve-target.ts';
import { orchestratorTargetSchema } from '../../../../src/shared/model/index.ts';
import { closedPort, startHttpServer } from './local-servers.ts';

/** The orchestrator decision with the real adapter: `orchestrator-service` never resolves on this host. */
const net = new NetworkProbeAdapter();
let fallback: Awaited<ReturnType<typeof startHttpServer>>;
const anyInterface = createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'application/json' }).end('{"status":"healthy"}');
});
let anyInterfacePort: number;

const input = (over: Partial<TargetInput>): TargetInput => ({
  ...TARGET_INPUT_DEFAULTS,
  configuredUrl: 'http://orchestrator-service:8006',
  configuredFrom: 'default',
  aliases: ['orchestrator-service'],
  timeoutMs: 3000,
  ...over,
});

beforeAll(async () => {
  fallback = await startHttpServer({ '/health': { status: 200, body: '{"status":"healthy"}', contentType: 'application/json' } });
  // Listens on every interface so the machine's own name answers whatever address it resolves to.
  await new Promise<void>((resolve) => anyInterface.listen(0, resolve));
  anyInterfacePort = (anyInterface.address() as AddressInfo).port;
});

afterAll(async () => {
  await fallback.close();
  await new Promise<void>((resolve) => anyInterface.close(() => resolve()));
});

describe('resolveOrchestratorTarget with the real network adapter', () => {
  it('falls back to a listening 127.0.0.1 port when the alias does not resolve', async () => {
    const fallbackUrl = `http://127.0.0.1:${fallback.port}`;
    const target = orchestratorTargetSchema.parse(await resolveOrchestratorTarget(net, input({ fallbackUrl })));
    expect(target).toMatchObject({ decision: 'localhost-fallback', resolvedUrl: fallbackUrl, hostIsAlias: true });
    expect(target.attempts.map((a) => [a.step, a.result.ok])).toEqual([
      ['dns', false],
      ['health', true],
    ]);
    expect(target.reason).toMatch(
      new RegExp(
        `^orchestrator-service is a docker alias that does not resolve from here \\((ENOTFOUND|EAI_AGAIN)\\); ${fallbackUrl} answers \\(200 in \\d+ ms\\)$`,
      ),
    );
  });

  it('is unresolvable when nothing listens on the fallback port, with both failures listed', async () => {
    const fallbackUrl = `http://127.0.0.1:${await closedPort()}`;
    const target = await resolveOrchestratorTarget(net, input({ fallbackUrl }));
    expect(target).toMatchObject({ decision: 'unresolvable', resolvedUrl: null });
    expect(target.attempts.map((a) => a.result.error?.code)).toEqual([expect.stringMatching(/ENOTFOUND|EAI_AGAIN/), 'ECONNREFUSED']);
    expect(target.reason).toContain('does not answer either (ECONNREFUSED)');
  });

  it('keeps a configured name that resolves and answers', async () => {
    const configuredUrl = `http://${hostname()}:${anyInterfacePort}`;
    const target = await resolveOrchestratorTarget(net, input({ configuredUrl, fallbackUrl: 'http://127.0.0.1:1' }));
    expect(target).toMatchObject({ decision: 'as-configured', resolvedUrl: configuredUrl });
    expect(target.attempts.map((a) => [a.step, a.result.ok])).toEqual([
      ['dns', true],
      ['health', true],
    ]);
  });

  it('fails fast on a dotted name that does not resolve', async () => {
    const target = await resolveOrchestratorTarget(
      net,
      input({ configuredUrl: 'http://nope.invalid:8006', aliases: [], fallbackUrl: `http://127.0.0.1:${fallback.port}` }),
    );
    expect(target).toMatchObject({ decision: 'unresolvable', hostIsAlias: false });
    expect(target.attempts.map((a) => a.step)).toEqual(['dns']);
  });
});
