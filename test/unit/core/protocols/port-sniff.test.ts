import { describe, expect, it } from 'vitest';
import {
  classifyGreeting,
  classifyRequestAnswer,
  greetingComplete,
  healthRequest,
  requestAnswerComplete,
} from '../../../../src/main/core/protocols/port-sniff.classifier.ts';
import { sniffPort } from '../../../../src/main/core/protocols/port-sniff.exchange.ts';
import { ascii, recorded } from '../../../fixtures/protocols/recorded.ts';
import { FakeWire, sentText } from './fake-wire.ts';

describe('port sniff classification', () => {
  it('recognises server-first greetings', () => {
    expect(classifyGreeting(recorded('mysql-5.5.46-greeting'))).toMatchObject({
      speaks: 'mysql',
      http: false,
      serverVersion: '5.5.46-0ubuntu0.14.04.2',
    });
    expect(classifyGreeting(ascii('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n'))).toMatchObject({
      speaks: 'ssh',
      banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2',
    });
    expect(classifyGreeting(ascii('220 mail.example ESMTP Postfix\r\n'))).toMatchObject({ speaks: 'smtp', http: false });
    expect(classifyGreeting(ascii('220 (vsFTPd 3.0.3)\r\n'))).toMatchObject({ speaks: 'ftp' });
    expect(classifyGreeting(ascii('220 ProFTPD Server (ftp.example)\r\n'))).toMatchObject({ speaks: 'ftp' });
    expect(classifyGreeting(ascii('+OK Dovecot ready.\r\n'))).toMatchObject({ speaks: 'pop3' });
    expect(classifyGreeting(ascii('* OK [CAPABILITY IMAP4rev1] ready\r\n'))).toMatchObject({ speaks: 'imap' });
    expect(classifyGreeting(Uint8Array.of(0x00, 0x01, 0x02, 0x03, 0x04))).toMatchObject({
      speaks: 'unknown',
      http: false,
      banner: '.....',
    });
  });

  it('recognises answers to the request', () => {
    expect(classifyRequestAnswer(ascii('HTTP/1.1 200 OK\r\n'))).toEqual({
      speaks: 'http',
      http: true,
      status: 200,
      banner: 'HTTP/1.1 200 OK',
    });
    expect(classifyRequestAnswer(ascii('HTTP/1.0 404 Not Found\r\n'))).toMatchObject({ http: true, status: 404 });
    expect(classifyRequestAnswer(ascii("-ERR wrong number of arguments for 'get' command\r\n"))).toMatchObject({
      speaks: 'redis',
      http: false,
    });
    expect(classifyRequestAnswer(Uint8Array.of(0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46))).toMatchObject({ speaks: 'tls', http: false });
    expect(classifyRequestAnswer(ascii('garbage\r\n'))).toMatchObject({ speaks: 'unknown', http: false });
  });

  it('ends the wait as soon as the answer says enough', () => {
    expect(greetingComplete(ascii('SSH-2.0-x'))).toBe(false);
    expect(greetingComplete(ascii('SSH-2.0-x\r\n'))).toBe(true);
    expect(requestAnswerComplete(ascii('HTTP/'))).toBe(false);
    expect(requestAnswerComplete(ascii('HTTP/1.1 200 OK\r\n'))).toBe(true);
    expect(requestAnswerComplete(Uint8Array.of(0x15, 0x03, 0x01, 0x00, 0x02))).toBe(true);
  });

  it('sends a minimal HTTP/1.0 request, without the Host line Redis takes for an attack', () => {
    expect(healthRequest('/health')).toBe('GET /health HTTP/1.0\r\nUser-Agent: stack-doctor\r\nAccept: */*\r\n\r\n');
  });
});

describe('sniffPort over a wire', () => {
  const target = { host: '127.0.0.1', port: 8080 };

  it('a greeting settles it on the first connection', async () => {
    const wire = new FakeWire(() => ({ bytes: recorded('mysql-8.0.32-greeting'), then: 'silent' }));
    const result = await sniffPort(wire, target);
    expect(wire.requests).toHaveLength(1);
    expect(result).toMatchObject({ kind: 'sniff', ok: true, detail: { speaks: 'mysql', http: false, via: 'greeting' } });
  });

  it('a silent port gets a GET on a second connection, within what is left of the budget', async () => {
    const wire = new FakeWire((_r, i) => (i === 0 ? { then: 'silent' } : { bytes: ascii('HTTP/1.1 404 Not Found\r\n'), then: 'silent' }));
    const result = await sniffPort(wire, target, { timeoutMs: 1000, greetingWaitMs: 200 });
    expect(wire.requests.map((r) => r.timeoutMs)).toEqual([200, 800]);
    expect(sentText(wire.requests[1])).toMatch(/^GET \/health HTTP\/1\.0\r\n/);
    expect(result).toMatchObject({ ok: true, detail: { speaks: 'http', http: true, status: 404, via: 'request' } });
  });

  it('accepts and never answers → TIMEOUT', async () => {
    const result = await sniffPort(new FakeWire(() => ({ then: 'silent' })), target, { timeoutMs: 1000 });
    expect(result).toMatchObject({ ok: false, error: { code: 'TIMEOUT' }, detail: { connected: true } });
  });

  it('refused → ECONNREFUSED; hung up at once → PEER_CLOSED; dropped the request → not HTTP', async () => {
    expect(await sniffPort(new FakeWire(() => ({ refuse: true })), target)).toMatchObject({ ok: false, error: { code: 'ECONNREFUSED' } });
    expect(await sniffPort(new FakeWire(() => ({ then: 'close' })), target)).toMatchObject({ ok: false, error: { code: 'PEER_CLOSED' } });
    const dropped = await sniffPort(new FakeWire((_r, i) => (i === 0 ? { then: 'silent' } : { then: 'close' })), target);
    expect(dropped).toMatchObject({ ok: true, detail: { speaks: 'unknown', http: false, closedWithoutReply: true } });
  });
});
