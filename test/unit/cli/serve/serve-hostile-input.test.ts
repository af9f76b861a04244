import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServeServer } from '../../../../src/main/cli/serve/serve-server.ts';
import { get, rawExchange, recordingLogger, startEchoServer, writeThenReset } from './support/serve-client.ts';

const TOKEN = 'hostile-input-token-0123';
const logger = recordingLogger();
let server: ServeServer;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ server, dispose } = await startEchoServer(TOKEN, logger));
});

afterAll(() => dispose?.());

const upgrade = (host: string) =>
  `Host: ${host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n`;

/** Requests a hostile or broken client may send; `{host}` becomes the server's own `127.0.0.1:PORT`. */
const corpus: Array<[string, string | Buffer]> = [
  ['absolute URL with a broken IPv6 host, upgrading', `GET http://[/ws HTTP/1.1\r\n${upgrade('{host}')}\r\n`],
  ['absolute URL with a broken IPv6 host, with the token', `GET http://[/ws?token=${TOKEN} HTTP/1.1\r\n${upgrade('{host}')}\r\n`],
  ['absolute URL with a broken IPv6 host, plain GET', `GET http://[/ HTTP/1.1\r\nHost: {host}\r\n\r\n`],
  ['absolute URL with a bad port', `GET http://127.0.0.1:99999/?token=${TOKEN} HTTP/1.1\r\nHost: {host}\r\n\r\n`],
  ['truncated percent-encoding', `GET /%E0%A4%A?token=${TOKEN} HTTP/1.1\r\nHost: {host}\r\n\r\n`],
  ['a lone percent sign', `GET /%?token=${TOKEN} HTTP/1.1\r\nHost: {host}\r\n\r\n`],
  ['an encoded NUL', `GET /index.html%00.js?token=${TOKEN} HTTP/1.1\r\nHost: {host}\r\n\r\n`],
  ['bad percent-encoding in the token', `GET /ws?token=%ZZ%E0 HTTP/1.1\r\n${upgrade('{host}')}\r\n`],
  ['an asterisk target', `GET * HTTP/1.1\r\nHost: {host}\r\n\r\n`],
  ['an OPTIONS asterisk upgrade', `OPTIONS * HTTP/1.1\r\n${upgrade('{host}')}\r\n`],
  ['a request line without version', `GET /\r\nHost: {host}\r\n\r\n`],
  ['an unknown method', `BREW /pot HTTP/1.1\r\nHost: {host}\r\n\r\n`],
  ['a header line without colon', `GET / HTTP/1.1\r\nHost {host}\r\n\r\n`],
  ['a 100 KB header', `GET /?token=${TOKEN} HTTP/1.1\r\nHost: {host}\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`],
  ['10 000 small headers', `GET / HTTP/1.1\r\nHost: {host}\r\n${'X-A: b\r\n'.repeat(10_000)}\r\n`],
  ['an upgrade without a key', `GET /ws?token=${TOKEN} HTTP/1.1\r\nHost: {host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`],
  [
    'an upgrade with a bad key and version',
    `GET /ws?token=${TOKEN} HTTP/1.1\r\nHost: {host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 99\r\nSec-WebSocket-Key: !!\r\n\r\n`,
  ],
  ['an upgrade to another protocol', `GET /ws?token=${TOKEN} HTTP/1.1\r\nHost: {host}\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n`],
  ['an upgrade to a foreign path', `GET /../../etc/passwd HTTP/1.1\r\n${upgrade('{host}')}\r\n`],
  ['an upgrade with bad extensions', `GET /ws HTTP/1.1\r\n${upgrade('{host}')}Sec-WebSocket-Extensions: ;;==,\r\n\r\n`],
  ['an upgrade without Host', `GET /ws?token=${TOKEN} HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`],
  ['two Host headers', `GET / HTTP/1.1\r\nHost: evil.example\r\nHost: {host}\r\n\r\n`],
  ['a garbage cookie', `GET / HTTP/1.1\r\nHost: {host}\r\nCookie: %%%; stack_doctor_session_1=%E0%A4; =;;\r\n\r\n`],
  ['an Origin that is not a URL', `GET /?token=${TOKEN} HTTP/1.1\r\nHost: {host}\r\nOrigin: http://[\r\n\r\n`],
  ['a bad Content-Length', `POST / HTTP/1.1\r\nHost: {host}\r\nContent-Length: -1\r\n\r\n`],
  ['a bad chunked body', `POST / HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`],
  ['raw bytes in the target', Buffer.from([...Buffer.from('GET /'), 0xff, 0xfe, 0x00, ...Buffer.from(' HTTP/1.1\r\n\r\n')])],
  ['binary garbage', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256))],
  ['a TLS client hello', Buffer.from('16030100a5010000a10303', 'hex')],
];

describe('serve under hostile input', () => {
  it.each(corpus)('answers %s with an error status and keeps serving', async (_name, raw) => {
    const host = `127.0.0.1:${server.port}`;
    const bytes = typeof raw === 'string' ? raw.replaceAll('{host}', host) : raw;
    const answer = await rawExchange(server.port, bytes);
    const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
    // Silence (a dropped connection) is fine; success or a protocol switch is not.
    if (status !== undefined) expect(Number(status)).toBeGreaterThanOrEqual(400);
    expect(answer).not.toContain('top secret');
    const next = await get(server.port, `/?token=${TOKEN}`);
    expect(next.status).toBe(200);
  });

  it('survives an upgrade whose client resets at once', async () => {
    const host = `127.0.0.1:${server.port}`;
    for (let i = 0; i < 20; i++) {
      await writeThenReset(server.port, `GET /nope HTTP/1.1\r\n${upgrade(host)}\r\n`);
      await writeThenReset(server.port, `GET /ws HTTP/1.1\r\n${upgrade(host)}\r\n`);
      await writeThenReset(server.port, `GET /ws?token=${TOKEN} HTTP/1.1\r\n${upgrade(host)}\r\n`);
    }
    expect((await get(server.port, `/?token=${TOKEN}`)).status).toBe(200);
  });

  it('never logs the token, whatever the request', () => {
    expect(logger.lines.length).toBeGreaterThan(0);
    for (const line of logger.lines) expect(line).not.toContain(TOKEN);
  });
});
