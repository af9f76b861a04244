import { describe, expect, it } from 'vitest';
import { encodeCommand, hasReplies, parseReply } from '../../../../src/main/core/protocols/resp.codec.ts';
import { ascii } from '../../../fixtures/protocols/recorded.ts';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('RESP codec', () => {
  it('encodes a command as an array of bulk strings, byte lengths for UTF-8', () => {
    expect(text(encodeCommand(['PING']))).toBe('*1\r\n$4\r\nPING\r\n');
    expect(text(encodeCommand(['GET', 'clé']))).toBe('*2\r\n$3\r\nGET\r\n$4\r\nclé\r\n');
  });

  it('keeps an argument with CRLF as data, so it cannot inject a second command', () => {
    const bytes = encodeCommand(['AUTH', 'pw\r\nFLUSHALL']);
    expect(text(bytes)).toBe('*2\r\n$4\r\nAUTH\r\n$12\r\npw\r\nFLUSHALL\r\n');
  });

  it('parses every reply type', () => {
    expect(parseReply(ascii('+PONG\r\n'))).toEqual({ kind: 'value', value: { type: 'simple', value: 'PONG' }, next: 7 });
    expect(parseReply(ascii('-NOAUTH Authentication required.\r\n'))).toMatchObject({
      value: { type: 'error', value: 'NOAUTH Authentication required.' },
    });
    expect(parseReply(ascii(':42\r\n'))).toMatchObject({ value: { type: 'integer', value: 42 } });
    expect(parseReply(ascii('$5\r\nhello\r\n'))).toMatchObject({ value: { type: 'bulk', value: 'hello' }, next: 11 });
    expect(parseReply(ascii('$-1\r\n'))).toMatchObject({ value: { type: 'bulk', value: null } });
    expect(parseReply(ascii('*-1\r\n'))).toMatchObject({ value: { type: 'array', value: null } });
    expect(parseReply(ascii('*2\r\n$1\r\n0\r\n*1\r\n$3\r\nkey\r\n'))).toMatchObject({
      value: {
        type: 'array',
        value: [
          { type: 'bulk', value: '0' },
          { type: 'array', value: [{ type: 'bulk', value: 'key' }] },
        ],
      },
    });
  });

  it('says incomplete for every strict prefix of a reply, and value for the whole', () => {
    const whole = ascii('*2\r\n$5\r\nhe\r\nl\r\n$-1\r\n');
    for (let n = 0; n < whole.length; n++) expect(parseReply(whole.subarray(0, n)).kind, `prefix ${n}`).toBe('incomplete');
    expect(parseReply(whole)).toMatchObject({ kind: 'value', value: { type: 'array', value: [{ value: 'he\r\nl' }, { value: null }] } });
  });

  it('says malformed for bytes that are not RESP', () => {
    expect(parseReply(ascii('HTTP/1.1 400 Bad Request\r\n'))).toMatchObject({ kind: 'malformed' });
    expect(parseReply(ascii(':4x\r\n'))).toMatchObject({ kind: 'malformed' });
    expect(parseReply(ascii('$3\r\nabcd\r\n'))).toMatchObject({ kind: 'malformed' });
  });

  it('counts whole replies for a pipelined exchange', () => {
    const two = ascii('+OK\r\n+PONG\r\n');
    expect(hasReplies(two.subarray(0, 5), 2)).toBe(false);
    expect(hasReplies(two, 2)).toBe(true);
    expect(hasReplies(ascii('SSH-2.0-OpenSSH\r\n'), 1)).toBe(true); // not RESP: stop waiting
  });
});
