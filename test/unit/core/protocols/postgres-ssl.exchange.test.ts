import { describe, expect, it } from 'vitest';
import {
  classifyPostgresReply,
  postgresReplyComplete,
  exchangePostgres,
  SSL_REQUEST,
} from '../../../../src/main/core/protocols/postgres-ssl.exchange.ts';
import { ascii } from '../../../fixtures/protocols/recorded.ts';
import { FakeWire } from './fake-wire.ts';

/** An ErrorResponse: 'E', Int32 length, fields (type byte + NUL-terminated text), final NUL. */
function errorResponse(fields: Record<string, string>): Uint8Array {
  const body = ascii(
    Object.entries(fields)
      .map(([k, v]) => `${k}${v}\0`)
      .join('') + '\0',
  );
  const out = new Uint8Array(5 + body.length);
  out[0] = 0x45;
  new DataView(out.buffer).setInt32(1, 4 + body.length);
  out.set(body, 5);
  return out;
}

describe('PostgreSQL SSLRequest', () => {
  it('is length 8 and code 80877103', () => {
    const view = new DataView(SSL_REQUEST.buffer);
    expect([view.getInt32(0), view.getInt32(4)]).toEqual([8, 80877103]);
  });

  it('S and N are PostgreSQL alive, with or without TLS', () => {
    expect(classifyPostgresReply('db:5432', ascii('N'))).toEqual({ ok: true, detail: { protocol: 'postgres', alive: true, ssl: false } });
    expect(classifyPostgresReply('db:5432', ascii('S'))).toEqual({ ok: true, detail: { protocol: 'postgres', alive: true, ssl: true } });
  });

  it('an ErrorResponse is POSTGRES_ERROR with the server message', () => {
    const reply = errorResponse({ S: 'FATAL', C: '53300', M: 'sorry, too many clients already' });
    for (let n = 1; n < reply.length; n++) expect(postgresReplyComplete(reply.subarray(0, n)), `prefix ${n}`).toBe(false);
    expect(postgresReplyComplete(reply)).toBe(true);
    expect(classifyPostgresReply('db:5432', reply)).toMatchObject({
      ok: false,
      error: { code: 'POSTGRES_ERROR', message: 'PostgreSQL at db:5432 refused: sorry, too many clients already' },
      detail: { alive: true },
    });
  });

  it('anything else is a mismatch', () => {
    expect(classifyPostgresReply('db:5432', ascii('-ERR unknown command\r\n'))).toMatchObject({
      ok: false,
      error: { code: 'PROTOCOL_MISMATCH' },
    });
  });

  it('probes over a wire: sends the 8 bytes, reads one', async () => {
    const wire = new FakeWire(() => ({ bytes: ascii('N'), then: 'silent' }));
    const result = await exchangePostgres(wire, { host: 'localhost', port: 5432 });
    expect([...(wire.requests[0]?.send ?? [])]).toEqual([...SSL_REQUEST]);
    expect(result).toMatchObject({ kind: 'postgres', target: 'localhost:5432', ok: true, detail: { ssl: false } });
  });
});
