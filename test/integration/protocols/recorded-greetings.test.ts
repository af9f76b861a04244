import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWireExchange } from '../../../src/main/adapters/protocols/wire-exchange.adapter.ts';
import { exchangeAmqp } from '../../../src/main/core/protocols/amqp.exchange.ts';
import { exchangeMysql } from '../../../src/main/core/protocols/mysql-greeting.exchange.ts';
import { sniffPort } from '../../../src/main/core/protocols/port-sniff.exchange.ts';
import { ascii, recorded } from '../../fixtures/protocols/recorded.ts';
import { closedPort, eventually, startHttpServer, startSilentServer, type LocalServer } from '../adapters/network/local-servers.ts';
import { startScriptedServer, type ScriptedServer } from './support/scripted-server.ts';

const wire = createWireExchange();
const at = (port: number) => ({ host: '127.0.0.1', port });

let mysql: ScriptedServer;
let rabbit: ScriptedServer;
let amqp10: ScriptedServer;
let hangUp: ScriptedServer;
let http: Awaited<ReturnType<typeof startHttpServer>>;
let silent: LocalServer;

beforeAll(async () => {
  mysql = await startScriptedServer({ readBytes: 0, reply: recorded('mysql-8.0.32-greeting'), splitAt: 9 });
  rabbit = await startScriptedServer({ readBytes: 8, reply: recorded('rabbitmq-3.5.7-connection-start'), splitAt: 20 });
  amqp10 = await startScriptedServer({ readBytes: 8, reply: Uint8Array.of(...ascii('AMQP'), 0, 1, 0, 0), thenClose: true });
  hangUp = await startScriptedServer({ readBytes: 0, reply: new Uint8Array(0), thenClose: true });
  http = await startHttpServer({ '/health': { status: 200, body: '{"status":"healthy"}', contentType: 'application/json' } });
  silent = await startSilentServer();
});

afterAll(async () => {
  await Promise.all([mysql, rabbit, amqp10, hangUp, http, silent].map((s) => s?.close()));
});

describe('MySQL greeting, recorded, served on 127.0.0.1', () => {
  it('reads the greeting the server sends first, reassembled from two writes', async () => {
    const result = await exchangeMysql(wire, at(mysql.port), { timeoutMs: 1000 });
    expect(result).toMatchObject({
      kind: 'mysql',
      ok: true,
      detail: { serverVersion: '8.0.32', flavor: 'mysql', authPlugin: 'caching_sha2_password' },
    });
    await eventually(() => mysql.openSockets() === 0);
  });

  it('an HTTP server does not greet: TIMEOUT, not a false MySQL', async () => {
    const result = await exchangeMysql(wire, at(http.port), { timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, error: { code: 'TIMEOUT' }, detail: { connected: true } });
  });
});

describe('AMQP, recorded, served on 127.0.0.1', () => {
  it('sends the 0-9-1 header and reads connection.start', async () => {
    const result = await exchangeAmqp(wire, at(rabbit.port), { timeoutMs: 1000 });
    expect(rabbit.received.at(-1)).toEqual(Buffer.from('AMQP\x00\x00\x09\x01', 'latin1'));
    expect(result).toMatchObject({ kind: 'amqp', ok: true, detail: { answer: 'start', product: 'RabbitMQ', version: '3.5.7' } });
    await eventually(() => rabbit.openSockets() === 0);
  });

  it('a broker answering with its own protocol header, then closing, is AMQP alive', async () => {
    const result = await exchangeAmqp(wire, at(amqp10.port), { timeoutMs: 1000 });
    expect(result).toMatchObject({ ok: true, detail: { answer: 'header', amqpVersion: '1.0.0' } });
  });

  it('a closed port → ECONNREFUSED; a silent one → TIMEOUT', async () => {
    expect(await exchangeAmqp(wire, at(await closedPort()))).toMatchObject({ ok: false, error: { code: 'ECONNREFUSED' } });
    expect(await exchangeAmqp(wire, at(silent.port), { timeoutMs: 200 })).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
  });
});

describe('what speaks on this port', () => {
  it('HTTP: no greeting, then an HTTP answer to GET /health', async () => {
    const result = await sniffPort(wire, at(http.port), { timeoutMs: 1500, greetingWaitMs: 150 });
    expect(result).toMatchObject({ kind: 'sniff', ok: true, detail: { speaks: 'http', http: true, status: 200, via: 'request' } });
    expect(http.lastHeaders()).toMatchObject({ 'user-agent': 'stack-doctor' });
  });

  it('MySQL: recognised by its greeting, no request sent', async () => {
    const result = await sniffPort(wire, at(mysql.port), { timeoutMs: 1500 });
    expect(result).toMatchObject({ ok: true, detail: { speaks: 'mysql', http: false, serverVersion: '8.0.32', via: 'greeting' } });
  });

  it('accepts and never answers → TIMEOUT; hangs up at once → PEER_CLOSED; closed → ECONNREFUSED', async () => {
    const started = performance.now();
    expect(await sniffPort(wire, at(silent.port), { timeoutMs: 500, greetingWaitMs: 100 })).toMatchObject({
      ok: false,
      error: { code: 'TIMEOUT' },
    });
    expect(performance.now() - started).toBeLessThan(900);
    expect(await sniffPort(wire, at(hangUp.port))).toMatchObject({ ok: false, error: { code: 'PEER_CLOSED' } });
    expect(await sniffPort(wire, at(await closedPort()))).toMatchObject({ ok: false, error: { code: 'ECONNREFUSED' } });
    await eventually(() => silent.openSockets() === 0);
  });
});
