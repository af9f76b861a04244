import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWireExchange } from '../../../src/main/adapters/protocols/wire-exchange.adapter.ts';
import { sniffPort } from '../../../src/main/core/protocols/port-sniff.exchange.ts';
import { exchangePostgres } from '../../../src/main/core/protocols/postgres-ssl.exchange.ts';
import { exchangeRedisPing } from '../../../src/main/core/protocols/redis-ping.exchange.ts';
import { startPostgres, type PostgresServer } from './support/postgres-server.ts';

const wire = createWireExchange();
let pg: PostgresServer;

beforeAll(async () => {
  pg = await startPostgres();
  console.info(`PostgreSQL: initdb ${pg.initdbMs} ms, ready ${pg.startupMs} ms after start`);
});

afterAll(async () => {
  await pg?.stop();
});

describe('PostgreSQL by protocol against a real server', () => {
  it('SSLRequest → N (no TLS configured): PostgreSQL alive', async () => {
    const result = await exchangePostgres(wire, { host: pg.host, port: pg.port }, { timeoutMs: 1000 });
    expect(result).toMatchObject({
      kind: 'postgres',
      target: `127.0.0.1:${pg.port}`,
      ok: true,
      detail: { protocol: 'postgres', alive: true, ssl: false },
    });
  });

  it('the sniff finds it does not speak HTTP', async () => {
    const result = await sniffPort(wire, { host: pg.host, port: pg.port }, { timeoutMs: 1500 });
    expect(result).toMatchObject({ ok: true, detail: { http: false, via: 'request' } });
  });

  it('a Redis probe on a PostgreSQL port is not fooled', async () => {
    const result = await exchangeRedisPing(wire, { host: pg.host, port: pg.port }, { timeoutMs: 1000 });
    expect(result.ok).toBe(false);
    expect(['PROTOCOL_MISMATCH', 'PEER_CLOSED']).toContain(result.error?.code);
  });
});
