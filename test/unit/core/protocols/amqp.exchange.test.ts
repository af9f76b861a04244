import { describe, expect, it } from 'vitest';
import { AMQP_091_HEADER, amqpAnswerComplete, parseAmqpAnswer } from '../../../../src/main/core/protocols/amqp-start.parser.ts';
import { exchangeAmqp } from '../../../../src/main/core/protocols/amqp.exchange.ts';
import { ascii, recorded } from '../../../fixtures/protocols/recorded.ts';
import { FakeWire } from './fake-wire.ts';

describe('AMQP answer parser', () => {
  it('reads RabbitMQ 3.5.7 connection.start past its nested capabilities table', () => {
    expect(parseAmqpAnswer(recorded('rabbitmq-3.5.7-connection-start'))).toEqual({
      kind: 'start',
      versionMajor: 0,
      versionMinor: 9,
      product: 'RabbitMQ',
      version: '3.5.7',
      platform: 'Erlang/OTP',
      mechanisms: 'AMQPLAIN PLAIN',
    });
  });

  it('reads RabbitMQ 2.3.1 connection.start', () => {
    expect(parseAmqpAnswer(recorded('rabbitmq-2.3.1-connection-start'))).toMatchObject({
      kind: 'start',
      product: 'RabbitMQ',
      version: '2.3.1',
    });
  });

  it('waits for the frame end, byte by byte', () => {
    const bytes = recorded('rabbitmq-3.5.7-connection-start');
    for (let n = 0; n < bytes.length; n++) expect(amqpAnswerComplete(bytes.subarray(0, n)), `prefix ${n}`).toBe(false);
    expect(amqpAnswerComplete(bytes)).toBe(true);
  });

  it('reads a protocol header answer: the broker wants another version', () => {
    expect(parseAmqpAnswer(AMQP_091_HEADER)).toEqual({ kind: 'header', protocolId: 0, version: '0-9-1' });
    expect(parseAmqpAnswer(Uint8Array.of(...ascii('AMQP'), 3, 1, 0, 0))).toEqual({ kind: 'header', protocolId: 3, version: '1.0.0' });
  });

  it('anything else is not AMQP', () => {
    expect(parseAmqpAnswer(ascii('HTTP/1.1 400 Bad Request\r\n'))).toEqual({ kind: 'not-amqp' });
    expect(parseAmqpAnswer(ascii('-ERR unknown command\r\n'))).toEqual({ kind: 'not-amqp' });
  });
});

describe('exchangeAmqp over a wire', () => {
  it('sends AMQP 0 0 9 1 and reports the broker', async () => {
    const wire = new FakeWire(() => ({ bytes: recorded('rabbitmq-3.5.7-connection-start'), then: 'silent' }));
    const result = await exchangeAmqp(wire, { host: '127.0.0.1', port: 5672 });
    expect([...(wire.requests[0]?.send ?? [])]).toEqual([0x41, 0x4d, 0x51, 0x50, 0, 0, 9, 1]);
    expect(result).toMatchObject({
      kind: 'amqp',
      ok: true,
      detail: { answer: 'start', amqpVersion: '0-9', product: 'RabbitMQ', version: '3.5.7' },
    });
  });

  it('a header then a hang-up is AMQP alive', async () => {
    const result = await exchangeAmqp(new FakeWire(() => ({ bytes: Uint8Array.of(...ascii('AMQP'), 1, 1, 0, 10), then: 'close' })), {
      host: 'h',
      port: 5672,
    });
    expect(result).toMatchObject({ ok: true, detail: { answer: 'header', amqpVersion: '0-10' } });
  });
});
