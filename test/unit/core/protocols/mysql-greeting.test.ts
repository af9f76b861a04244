import { describe, expect, it } from 'vitest';
import { mysqlGreetingComplete, parseMysqlGreeting } from '../../../../src/main/core/protocols/mysql-greeting.parser.ts';
import { exchangeMysql } from '../../../../src/main/core/protocols/mysql-greeting.exchange.ts';
import { ascii, recorded } from '../../../fixtures/protocols/recorded.ts';
import { FakeWire } from './fake-wire.ts';

/** A MySQL packet: 3-byte little-endian length, sequence 0, payload. */
function packet(payload: Uint8Array): Uint8Array {
  return Uint8Array.of(payload.length & 0xff, (payload.length >> 8) & 0xff, payload.length >> 16, 0, ...payload);
}

describe('MySQL greeting parser', () => {
  it('reads the recorded MySQL 5.5.46 greeting', () => {
    expect(parseMysqlGreeting(recorded('mysql-5.5.46-greeting'))).toEqual({
      kind: 'handshake',
      protocolVersion: 10,
      serverVersion: '5.5.46-0ubuntu0.14.04.2',
      flavor: 'mysql',
      connectionId: 0x5f,
      authPlugin: 'mysql_native_password',
      ssl: false,
    });
  });

  it('reads the recorded MySQL 8.0.32 greeting', () => {
    expect(parseMysqlGreeting(recorded('mysql-8.0.32-greeting'))).toEqual({
      kind: 'handshake',
      protocolVersion: 10,
      serverVersion: '8.0.32',
      flavor: 'mysql',
      connectionId: 8,
      authPlugin: 'caching_sha2_password',
      ssl: true,
    });
  });

  it('waits for the whole packet, byte by byte', () => {
    const bytes = recorded('mysql-8.0.32-greeting');
    for (let n = 0; n < bytes.length; n++) expect(mysqlGreetingComplete(bytes.subarray(0, n)), `prefix ${n}`).toBe(false);
    expect(mysqlGreetingComplete(bytes)).toBe(true);
  });

  it('tells MariaDB by its version string', () => {
    const greeting = recorded('mysql-5.5.46-greeting');
    const payload = [...greeting.subarray(4)];
    const end = payload.indexOf(0, 1);
    const mariadb = packet(Uint8Array.of(10, ...ascii('5.5.5-10.11.6-MariaDB-0+deb12u1'), ...payload.slice(end)));
    expect(parseMysqlGreeting(mariadb)).toMatchObject({
      kind: 'handshake',
      flavor: 'mariadb',
      serverVersion: '5.5.5-10.11.6-MariaDB-0+deb12u1',
    });
  });

  it('reads an ERR packet sent instead of the handshake', () => {
    const err = packet(Uint8Array.of(0xff, 0x6a, 0x04, ...ascii("Host '172.17.0.1' is not allowed to connect to this MySQL server")));
    expect(parseMysqlGreeting(err)).toEqual({
      kind: 'error',
      errorCode: 1130,
      message: "Host '172.17.0.1' is not allowed to connect to this MySQL server",
    });
    const withState = packet(Uint8Array.of(0xff, 0x10, 0x04, ...ascii('#08004Too many connections')));
    expect(parseMysqlGreeting(withState)).toEqual({ kind: 'error', errorCode: 1040, message: 'Too many connections' });
  });

  it('gives up at once on a text banner', () => {
    expect(parseMysqlGreeting(ascii('SSH-2.0-OpenSSH_9.2p1\r\n'))).toEqual({ kind: 'not-mysql' });
    expect(parseMysqlGreeting(ascii('220 mail ESMTP\r\n'))).toEqual({ kind: 'not-mysql' });
  });
});

describe('exchangeMysql over a wire', () => {
  it('sends nothing and reports the version', async () => {
    const wire = new FakeWire(() => ({ bytes: recorded('mysql-8.0.32-greeting'), then: 'silent' }));
    const result = await exchangeMysql(wire, { host: '127.0.0.1', port: 3306 });
    expect(wire.requests[0]?.send).toBeUndefined();
    expect(result).toMatchObject({
      kind: 'mysql',
      ok: true,
      detail: { protocol: 'mysql', alive: true, serverVersion: '8.0.32', flavor: 'mysql' },
    });
  });

  it('an ERR greeting is MYSQL_ERROR, alive', async () => {
    const err = packet(Uint8Array.of(0xff, 0x10, 0x04, ...ascii('#08004Too many connections')));
    const result = await exchangeMysql(new FakeWire(() => ({ bytes: err, then: 'close' })), { host: '127.0.0.1', port: 3306 });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'MYSQL_ERROR', message: expect.stringContaining('1040 Too many connections') },
      detail: { alive: true },
    });
  });

  it('a port that does not greet is a TIMEOUT, one that greets otherwise a mismatch', async () => {
    expect(await exchangeMysql(new FakeWire(() => ({ then: 'silent' })), { host: 'h', port: 1 })).toMatchObject({
      error: { code: 'TIMEOUT' },
    });
    const ssh = await exchangeMysql(new FakeWire(() => ({ bytes: ascii('SSH-2.0-OpenSSH\r\n'), then: 'silent' })), { host: 'h', port: 1 });
    expect(ssh).toMatchObject({ ok: false, error: { code: 'PROTOCOL_MISMATCH', message: expect.stringContaining('"SSH-') } });
  });
});
