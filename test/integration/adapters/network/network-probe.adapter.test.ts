import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkProbeAdapter } from '../../../../src/main/adapters/network/network-probe.adapter.ts';
import { probeResultSchema } from '../../../../src/shared/model/index.ts';
import {
  closedPort,
  eventually,
  startHttpServer,
  startResettingServer,
  startSilentServer,
  startWsServer,
  type LocalServer,
} from './local-servers.ts';

const net = new NetworkProbeAdapter();

/** Handles the probe may leave behind: timers and TCP sockets. */
function liveHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r === 'TCPSocketWrap').length;
}

let http: Awaited<ReturnType<typeof startHttpServer>>;
let silent: LocalServer;
let resetting: LocalServer;
let wsServer: LocalServer;
let refusedPort: number;

beforeAll(async () => {
  http = await startHttpServer({
    '/health': { status: 200, body: JSON.stringify({ status: 'degraded', checks: { db: 'slow' } }), contentType: 'application/json' },
    '/plain': { status: 200, body: 'OK', contentType: 'text/plain' },
    '/down': { status: 503, body: JSON.stringify({ status: 'unhealthy' }), contentType: 'application/json; charset=utf-8' },
    '/big': { status: 200, body: Buffer.alloc(256 * 1024, 'a'), contentType: 'application/octet-stream' },
    '/hang': { status: 200, hang: true },
  });
  silent = await startSilentServer();
  resetting = await startResettingServer();
  wsServer = await startWsServer();
  refusedPort = await closedPort();
});

afterAll(async () => {
  await Promise.all([http.close(), silent.close(), resetting.close(), wsServer.close()]);
});

describe('lookup', () => {
  it('resolves localhost with its addresses', async () => {
    const result = await net.lookup('localhost', 1500);
    expect(probeResultSchema.parse(result)).toMatchObject({ kind: 'dns-host', from: 'host', ok: true, target: 'localhost' });
    expect(result.detail?.addresses).toEqual(expect.arrayContaining([expect.stringMatching(/^(127\.0\.0\.1|::1)$/)]));
  });

  it.each(['orchestrator-service', 'nope.invalid'])('reports %s as not found in plain words', async (host) => {
    const result = await net.lookup(host, 3000);
    expect(result.ok).toBe(false);
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(result.error?.code);
    if (result.error?.code === 'ENOTFOUND') expect(result.error.message).toBe(`Name or service not known (${host})`);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('gives up at the timeout even though getaddrinfo cannot be cancelled', async () => {
    const result = await net.lookup('nope.invalid', 0);
    expect(result.error?.code).toMatch(/^(TIMEOUT|ENOTFOUND|EAI_AGAIN)$/);
  });
});

describe('tcpConnect', () => {
  it('connects to a listening port and closes the connection', async () => {
    const result = await net.tcpConnect('127.0.0.1', silent.port, 1500);
    expect(result).toMatchObject({ kind: 'tcp', target: `127.0.0.1:${silent.port}`, from: 'host', ok: true });
    await eventually(() => silent.openSockets() === 0);
  });

  it('reports ECONNREFUSED for a closed port', async () => {
    const result = await net.tcpConnect('127.0.0.1', refusedPort, 1500);
    expect(result.error).toEqual({ code: 'ECONNREFUSED', message: `Connection refused (127.0.0.1:${refusedPort})` });
  });

  it('reports ENOTFOUND when the host does not resolve', async () => {
    const result = await net.tcpConnect('nope.invalid', 80, 3000);
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(result.error?.code);
  });

  it('rejects an invalid port as a value', async () => {
    expect((await net.tcpConnect('127.0.0.1', 70_000, 100)).error?.code).toBe('INVALID_TARGET');
  });
});

describe('tcpConnect: the peer-close watch ends when the port answers a request meanwhile', () => {
  // A watch far longer than any budget here: a probe that ends early was ended by an answer, not by the watch.
  const watched = new NetworkProbeAdapter({ peerCloseWindowMs: 60_000 });
  const timed = async <T>(work: Promise<T>): Promise<{ value: T; ms: number }> => {
    const start = performance.now();
    const value = await work;
    return { value, ms: performance.now() - start };
  };

  it('ends the watch as soon as an HTTP GET or a sniff of the same port is answered', async () => {
    const [tcp, get] = await Promise.all([
      timed(watched.tcpConnect('127.0.0.1', http.port, 4000)),
      watched.httpGet(`http://127.0.0.1:${http.port}/health`, 4000),
    ]);
    expect(get.detail?.status).toBe(200);
    expect(tcp.value).toMatchObject({ ok: true, target: `127.0.0.1:${http.port}` });
    expect(tcp.ms).toBeLessThan(2000);

    const [sniffed, sniff] = await Promise.all([
      timed(watched.tcpConnect('127.0.0.1', http.port, 4000)),
      watched.sniff('127.0.0.1', http.port, '/health', 4000),
    ]);
    expect(sniff.detail).toMatchObject({ http: true });
    expect(sniffed.value.ok).toBe(true);
    expect(sniffed.ms).toBeLessThan(2000);
  });

  it('still watches a port whose neighbour answered, or that answered before the probe started', async () => {
    // A watch shorter than the budget, so the probe ends at the watch's end, open.
    const short = new NetworkProbeAdapter({ peerCloseWindowMs: 400 });
    const [other] = await Promise.all([
      timed(short.tcpConnect('127.0.0.1', silent.port, 4000)),
      short.httpGet(`http://127.0.0.1:${http.port}/health`, 4000),
    ]);
    expect(other.value.ok).toBe(true);
    expect(other.ms).toBeGreaterThanOrEqual(380);

    await short.httpGet(`http://127.0.0.1:${http.port}/health`, 4000);
    const before = await timed(short.tcpConnect('127.0.0.1', http.port, 4000));
    expect(before.value.ok).toBe(true);
    expect(before.ms).toBeGreaterThanOrEqual(380);
  });

  it('still reports PEER_CLOSED for a port that hangs up at once (docker-proxy with nothing behind it)', async () => {
    const hangingUp = createNetServer((socket) => socket.end());
    await new Promise<void>((resolve) => hangingUp.listen(0, '127.0.0.1', resolve));
    const { port } = hangingUp.address() as AddressInfo;
    try {
      const [dropped] = await Promise.all([
        watched.tcpConnect('127.0.0.1', port, 4000),
        watched.httpGet(`http://127.0.0.1:${http.port}/health`, 4000),
      ]);
      expect(dropped).toMatchObject({ ok: false, error: { code: 'PEER_CLOSED' }, detail: { connected: true } });
    } finally {
      await new Promise((resolve) => hangingUp.close(resolve));
    }
  });
});

describe('httpGet', () => {
  it('keeps a JSON health body and its status, and sends the correlation id', async () => {
    const result = await net.httpGet(`http://127.0.0.1:${http.port}/health`, 1500, { 'X-Correlation-ID': 'run-42' });
    expect(probeResultSchema.parse(result)).toMatchObject({ kind: 'http', ok: true, from: 'host' });
    expect(result.detail).toMatchObject({ status: 200, healthStatus: 'degraded', body: { status: 'degraded', checks: { db: 'slow' } } });
    expect(http.lastHeaders()?.['x-correlation-id']).toBe('run-42');
    expect(http.lastHeaders()?.connection).toBe('close');
  });

  it('does not invent a body for plain text', async () => {
    const result = await net.httpGet(`http://127.0.0.1:${http.port}/plain`, 1500);
    expect(result.ok).toBe(true);
    expect(result.detail).not.toHaveProperty('body');
  });

  it('reports HTTP_<status> for a non-2xx answer and still reads the health body', async () => {
    const result = await net.httpGet(`http://127.0.0.1:${http.port}/down`, 1500);
    expect(result.error?.code).toBe('HTTP_503');
    expect(result.detail).toMatchObject({ status: 503, healthStatus: 'unhealthy' });
  });

  it('reads at most 64 KiB', async () => {
    const result = await net.httpGet(`http://127.0.0.1:${http.port}/big`, 1500);
    expect(result.ok).toBe(true);
    expect(result.detail).toMatchObject({ status: 200, truncated: true });
  });

  it('times out at about timeoutMs on a server that never answers, leaving no socket or timer', async () => {
    const before = liveHandles();
    const result = await net.httpGet(`http://127.0.0.1:${silent.port}/health`, 300);
    expect(result.error?.code).toBe('TIMEOUT');
    expect(result.latencyMs).toBeGreaterThanOrEqual(290);
    expect(result.latencyMs).toBeLessThan(800);
    await eventually(() => silent.openSockets() === 0);
    await eventually(() => liveHandles() <= before);
  });

  it('times out when the headers never come on an HTTP server', async () => {
    const result = await net.httpGet(`http://127.0.0.1:${http.port}/hang`, 250);
    expect(result.error?.code).toBe('TIMEOUT');
    await eventually(() => http.openSockets() === 0);
  });

  it('reports ECONNREFUSED, ECONNRESET and ENOTFOUND', async () => {
    expect((await net.httpGet(`http://127.0.0.1:${refusedPort}/health`, 1500)).error?.code).toBe('ECONNREFUSED');
    expect((await net.httpGet(`http://127.0.0.1:${resetting.port}/health`, 1500)).error?.code).toBe('ECONNRESET');
    const missing = await net.httpGet('http://orchestrator-service:8006/health', 3000);
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(missing.error?.code);
  });

  it('reports a TLS failure as TLS_ERROR', async () => {
    // An HTTPS client talking to a plain-HTTP server fails in the TLS layer (wrong version number).
    const result = await net.httpGet(`https://127.0.0.1:${http.port}/health`, 1500);
    expect(result.error?.code).toBe('TLS_ERROR');
  });

  it('rejects a malformed URL or header as a value', async () => {
    expect((await net.httpGet('not a url', 100)).error?.code).toBe('INVALID_URL');
    const badHeader = await net.httpGet(`http://127.0.0.1:${http.port}/health`, 500, { 'X-Correlation-ID': 'a\nb' });
    expect(badHeader).toMatchObject({ ok: false, error: { code: 'ERR_INVALID_CHAR' } });
  });
});

describe('wsHandshake', () => {
  it('completes the handshake and closes cleanly', async () => {
    const result = await net.wsHandshake(`ws://127.0.0.1:${wsServer.port}/ws`, 1500);
    expect(probeResultSchema.parse(result)).toMatchObject({ kind: 'ws', ok: true, from: 'host' });
    await eventually(() => wsServer.openSockets() === 0);
  });

  it('reports WS_HANDSHAKE_FAILED with the status when the server refuses to upgrade', async () => {
    const result = await net.wsHandshake(`ws://127.0.0.1:${wsServer.port}/nope`, 1500);
    expect(result.error?.code).toBe('WS_HANDSHAKE_FAILED');
    expect(result.detail).toMatchObject({ status: 403 });
    await eventually(() => wsServer.openSockets() === 0);
  });

  it('rejects a URL ws refuses as a value', async () => {
    expect((await net.wsHandshake(`ws://127.0.0.1:${wsServer.port}/ws#frag`, 500)).error?.code).toBe('INVALID_URL');
    expect((await net.wsHandshake('http://127.0.0.1/ws', 500)).error?.code).toBe('INVALID_URL');
  });

  it('reports ECONNREFUSED on a closed port', async () => {
    expect((await net.wsHandshake(`ws://127.0.0.1:${refusedPort}/ws`, 1500)).error?.code).toBe('ECONNREFUSED');
  });

  it('times out on a server that never answers the upgrade', async () => {
    const result = await net.wsHandshake(`ws://127.0.0.1:${silent.port}/ws`, 300);
    expect(result.error?.code).toBe('TIMEOUT');
    expect(result.latencyMs).toBeLessThan(800);
    await eventually(() => silent.openSockets() === 0);
  });
});
