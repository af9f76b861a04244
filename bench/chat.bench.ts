/**
 * bench/chat (issue 3 §5): what does the orchestrator client cost over talking `ws` by hand?
 *
 * One agent stub in this process on 127.0.0.1, the real OrchestratorClient and a raw baseline
 * (support/raw-chat.ts) against it, in the same run, interleaved rounds (the order rotates every round):
 *   (a) round trip: a short message over WS, send to complete. The client keeps its session's WebSocket open
 *       and reuses it, so the raw client does too (one socket per session, the next chat frame sent on it):
 *       both time message → complete. The client is pinned to the stub (no target resolution per send); the
 *       unpinned figure (a health GET decides the target on every send) is reported separately, for
 *       information, and so is the old connection-per-exchange pair (the client with `wsIdleMs: 0` against
 *       raw ws opening a socket per exchange: connection setup inside both timings).
 *   (b) throughput: `stream 10000` over WS, tokens per second, send to complete (on the session's socket, both).
 *   (c) extra line: HTTP round trip, the client (one fresh connection per request, by design) against
 *       fetch with `Connection: close` (the same work) and fetch with pooled keep-alive (for information).
 * Medians over all samples; the machine is shared, so only ratios within this run mean anything. Exit 1
 * when a gated ratio (client / raw time, (a) and (b)) exceeds the target, after printing everything; 2 when
 * the bench's own setup is wrong (an answer differs between the client and the baseline).
 *
 * Run: npx tsx bench/chat.bench.ts   (env: BENCH_ROUNDS=15, BENCH_RTT_BATCH=20, BENCH_TOKENS=10000, BENCH_WARMUP=1000, BENCH_STREAM_WARMUP=3)
 */
import { randomUUID } from 'node:crypto';
import { startAgentStub, type AgentStub } from '../src/tools/agent-stub/agent-stub.server.ts';
import { NetworkProbeAdapter } from '../src/main/adapters/network/network-probe.adapter.ts';
import { OrchestratorClient } from '../src/main/adapters/orchestrator/orchestrator-client.ts';
import type { ChatSendRequest } from '../src/main/core/chat/chat-outcome.ts';
import type { ChatSetup } from '../src/main/core/chat/chat-target.ts';
import { RawWsSession, rawHttpChat, rawWsChat, rawWsUrl } from './support/raw-chat.ts';
import { median, table, timed } from './support/stats.ts';

const envInt = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

const ROUNDS = envInt('BENCH_ROUNDS', 15);
/** Exchanges per variant per round for the round-trip figures (one exchange is about a millisecond). */
const RTT_BATCH = envInt('BENCH_RTT_BATCH', 20);
const TOKENS = envInt('BENCH_TOKENS', 10_000);
/**
 * Untimed round trips per variant first (JIT, zod's compiled schemas, the stub's sessions): the gated figures
 * are the steady state. The client runs more code per exchange than raw `ws`, and V8 optimises a function only
 * after enough calls: after 40 round trips it cost ~50% over raw, after 400 ~25 µs, after 1000 ~10–15 µs
 * (bench/README.md). The first batch of the gated pair is reported apart, as the cold figure.
 */
const WARMUP = envInt('BENCH_WARMUP', 1000);
/** Untimed streams per variant first. */
const STREAM_WARMUP = envInt('BENCH_STREAM_WARMUP', 3);
/** client / raw time at the median must stay within this (issue 3 §5: the client adds no more than 10%). */
const TARGET_RATIO = 1.1;
const SHORT_MESSAGE = 'hello from bench/chat';
const STREAM_MESSAGE = `stream ${TOKENS}`;

class BenchFailure extends Error {}

function expect(condition: boolean, message: string): void {
  if (!condition) throw new BenchFailure(`bench setup is wrong: ${message}`);
}

/** One measured thing: runs one exchange and returns its token count (checked against the baseline's). */
interface Variant {
  name: string;
  run: () => Promise<{ response: string; tokens: number }>;
  samples: number[];
}

function clientRunner(client: OrchestratorClient, request: ChatSendRequest): Variant['run'] {
  return async () => {
    let tokens = 0;
    const outcome = await client.send(request, (event) => {
      if (event.type === 'token') tokens += 1;
    });
    if (!outcome.ok) throw new BenchFailure(`${request.transport} exchange failed: ${outcome.error.class} ${outcome.error.detail ?? ''}`);
    return { response: outcome.response, tokens };
  };
}

function variant(name: string, run: Variant['run']): Variant {
  return { name, run, samples: [] };
}

/**
 * `rounds` rounds of `batch` steps; each step runs every variant once, in an order that rotates with the
 * step, so the variants being compared alternate exchange by exchange and share the same background load.
 */
async function measure(variants: Variant[], rounds: number, batch: number, record: boolean): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    for (let step = 0; step < batch; step += 1) {
      for (let i = 0; i < variants.length; i += 1) {
        const v = variants[(i + step + round) % variants.length] as Variant;
        const elapsed = await timed(v.run);
        if (record) v.samples.push(elapsed);
      }
    }
  }
}

/** Both sides got the same answer (the baseline is not doing less work). */
async function checkSameAnswer(a: Variant, b: Variant, tokens?: number): Promise<void> {
  const [x, y] = [await a.run(), await b.run()];
  expect(x.response === y.response, `${a.name} and ${b.name} answered differently (${x.response.length} vs ${y.response.length} chars)`);
  expect(x.tokens === y.tokens, `${a.name} saw ${x.tokens} tokens, ${b.name} ${y.tokens}`);
  if (tokens !== undefined) expect(x.tokens === tokens + 1, `expected ${tokens} assistant tokens + 1 manager token, got ${x.tokens}`);
}

/** Round trips are about a millisecond: three decimals, or the differences vanish in the rounding. */
const ms = (value: number): string => `${value.toFixed(value < 10 ? 3 : 1)} ms`;

const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

async function main(): Promise<number> {
  let stub: AgentStub | undefined;
  const clients: OrchestratorClient[] = [];
  let rawSession: RawWsSession | undefined;
  try {
    stub = await startAgentStub({ host: '127.0.0.1', port: 0 });
    const base = stub.url;
    // The stub's URL is an IP literal: unpinned, the target decision is one health GET, no DNS lookup.
    const setup = (): ChatSetup => ({
      target: { configuredUrl: base, configuredFrom: 'bench', fallbackUrl: base, aliases: [], healthPath: '/health', timeoutMs: 1500 },
    });
    const newClient = (wsIdleMs?: number): OrchestratorClient => {
      const client = new OrchestratorClient({ net: new NetworkProbeAdapter(), setup, ...(wsIdleMs === undefined ? {} : { wsIdleMs }) });
      clients.push(client);
      return client;
    };
    const pinnedClient = newClient();
    const unpinnedClient = newClient();
    const freshClient = newClient(0);
    const rawIds = { client: randomUUID(), session: randomUUID() };
    const wsUrl = rawWsUrl(base, rawIds.client, rawIds.session);
    rawSession = new RawWsSession(wsUrl);
    const session = rawSession;
    const httpBody = (message: string): { message: string; session_id: string; client_id: string } => ({
      message,
      session_id: rawIds.session,
      client_id: rawIds.client,
    });
    let rawTokens = 0;
    const countToken = (): void => {
      rawTokens += 1;
    };

    const rttClient = variant(
      'client ws (pinned)',
      clientRunner(pinnedClient, { message: SHORT_MESSAGE, transport: 'ws', pinnedTarget: base }),
    );
    const rttRaw = variant('raw ws (one socket per session)', () => session.chat(SHORT_MESSAGE, countToken));
    const rttClientFresh = variant(
      'client ws (pinned, wsIdleMs 0: socket per exchange)',
      clientRunner(freshClient, { message: SHORT_MESSAGE, transport: 'ws', pinnedTarget: base }),
    );
    const rttRawFresh = variant('raw ws (socket per exchange)', () => rawWsChat(wsUrl, SHORT_MESSAGE, countToken));
    const rttUnpinned = variant(
      'client ws (unpinned: health GET per send)',
      clientRunner(unpinnedClient, { message: SHORT_MESSAGE, transport: 'ws' }),
    );
    const httpClient = variant(
      'client http (pinned)',
      clientRunner(pinnedClient, { message: SHORT_MESSAGE, transport: 'http', pinnedTarget: base }),
    );
    const httpFresh = variant('fetch (Connection: close)', () => rawHttpChat(`${base}/api/chat`, httpBody(SHORT_MESSAGE), true));
    const httpPooled = variant('fetch (pooled keep-alive)', () => rawHttpChat(`${base}/api/chat`, httpBody(SHORT_MESSAGE), false));
    const streamClient = variant(
      `client ws ${STREAM_MESSAGE}`,
      clientRunner(pinnedClient, { message: STREAM_MESSAGE, transport: 'ws', pinnedTarget: base }),
    );
    const streamRaw = variant(`raw ws ${STREAM_MESSAGE}`, () => session.chat(STREAM_MESSAGE, countToken));

    await checkSameAnswer(rttClient, rttRaw);
    await checkSameAnswer(rttUnpinned, rttRaw);
    await checkSameAnswer(rttClientFresh, rttRawFresh);
    await checkSameAnswer(httpClient, httpFresh);
    await checkSameAnswer(streamClient, streamRaw, TOKENS);
    expect(rawTokens > 0, 'the raw client counted no tokens');

    // Pairs of two alternate ABBA (each is preceded by itself and by the other equally often); the unpinned
    // client, whose health GETs leave server-side work behind, runs in its own group so it precedes neither.
    const rtt = [rttClient, rttRaw];
    const unpinned = [rttUnpinned];
    const perExchange = [rttClientFresh, rttRawFresh];
    const http = [httpClient, httpFresh, httpPooled];
    const stream = [streamClient, streamRaw];
    const started = performance.now();
    // The first warm-up round of the gated pair is kept apart: what a client that just started costs.
    await measure(rtt, 1, RTT_BATCH, true);
    const cold = median(rttClient.samples) / median(rttRaw.samples);
    for (const v of rtt) v.samples.length = 0;
    const warmupRounds = Math.max(1, Math.ceil(WARMUP / RTT_BATCH));
    await measure(rtt, warmupRounds - 1, RTT_BATCH, false);
    await measure(unpinned, warmupRounds, RTT_BATCH, false);
    await measure(perExchange, warmupRounds, RTT_BATCH, false);
    await measure(http, warmupRounds, RTT_BATCH, false);
    await measure(stream, STREAM_WARMUP, 1, false);
    // One round = every group once (the group order rotates too), so all see the same background load.
    for (let round = 0; round < ROUNDS; round += 1) {
      const groups: Array<[Variant[], number]> = [
        [rtt, RTT_BATCH],
        [unpinned, RTT_BATCH],
        [perExchange, RTT_BATCH],
        [stream, 1],
        [http, RTT_BATCH],
      ];
      for (let g = 0; g < groups.length; g += 1) {
        const [variants, batch] = groups[(g + round) % groups.length] as [Variant[], number];
        await measure(variants, 1, batch, true);
      }
    }
    const seconds = (performance.now() - started) / 1000;

    const med = (v: Variant): number => median(v.samples);
    const tps = (v: Variant): string => `${Math.round(TOKENS / (med(v) / 1000)).toLocaleString('en-US')} tok/s`;
    const row = (v: Variant, extra = ''): string[] => [
      v.name,
      String(v.samples.length),
      ms(med(v)),
      ms(quantile(v.samples, 0.25)),
      ms(quantile(v.samples, 0.75)),
      extra,
    ];
    console.log(
      `bench/chat — agent stub ${base}, ${ROUNDS} interleaved rounds (after ${warmupRounds * RTT_BATCH} warm-up round trips and ${STREAM_WARMUP} streams per variant), ${RTT_BATCH} round trips per variant per round, ${TOKENS} tokens per stream (${seconds.toFixed(1)} s)\n`,
    );
    console.log(
      table([
        ['variant', 'n', 'median', 'p25', 'p75', ''],
        ...[...rtt, ...unpinned, ...perExchange].map((v) => row(v)),
        ...stream.map((v) => row(v, tps(v))),
        ...http.map((v) => row(v)),
      ]),
    );

    const ratio = (a: Variant, b: Variant): number => med(a) / med(b);
    const gated: Array<[string, number]> = [
      ['(a) WS round trip: client (pinned) / raw ws', ratio(rttClient, rttRaw)],
      [`(b) WS ${STREAM_MESSAGE}: client / raw ws (time)`, ratio(streamClient, streamRaw)],
    ];
    const info: Array<[string, number]> = [
      [`    WS round trip, cold (the first ${RTT_BATCH}, before warm-up): client / raw ws`, cold],
      ['    WS round trip: client (unpinned) / raw ws', ratio(rttUnpinned, rttRaw)],
      ['    WS round trip, socket per exchange: client (wsIdleMs 0) / raw ws', ratio(rttClientFresh, rttRawFresh)],
      ['    WS round trip: reused socket / socket per exchange (client)', ratio(rttClient, rttClientFresh)],
      ['(c) HTTP round trip: client / fetch (Connection: close)', ratio(httpClient, httpFresh)],
      ['    HTTP round trip: client / fetch (pooled keep-alive)', ratio(httpClient, httpPooled)],
    ];
    const width = Math.max(...[...gated, ...info].map(([label]) => label.length));
    console.log(`\nratios (median time; target ≤ ${TARGET_RATIO.toFixed(2)} on the gated lines):`);
    const misses = gated.filter(([, value]) => value > TARGET_RATIO);
    for (const [label, value] of gated) console.log(`${label.padEnd(width)}  ${value.toFixed(3)}  ${value > TARGET_RATIO ? 'FAIL' : 'ok'}`);
    for (const [label, value] of info) console.log(`${label.padEnd(width)}  ${value.toFixed(3)}  (info)`);
    const perToken = ((med(streamClient) - med(streamRaw)) * 1000) / TOKENS;
    console.log(
      `\nclient cost over raw ws: ${((med(rttClient) - med(rttRaw)) * 1000).toFixed(0)} µs per round trip; ${perToken.toFixed(2)} µs per streamed token ` +
        `(throughput: client ${tps(streamClient)}, raw ws ${tps(streamRaw)})`,
    );
    if (misses.length > 0) {
      console.log(`\nFAIL: ${misses.map(([label]) => label.trim()).join('; ')} over ${TARGET_RATIO}`);
      return 1;
    }
    console.log('\nPASS');
    return 0;
  } finally {
    rawSession?.close();
    await Promise.all(clients.map((client) => client.dispose()));
    await stub?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof BenchFailure ? error.message : error);
    process.exit(2);
  },
);
