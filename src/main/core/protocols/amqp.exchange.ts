import type { ProtocolProbeResult, WireExchangePort } from '../ports/wire-exchange.port.ts';
import { AMQP_091_HEADER, amqpAnswerComplete, parseAmqpAnswer } from './amqp-start.parser.ts';
import { exchangeWithinBudget, judged, mismatch, targetName, type ProtocolExchangeOptions, type ProtocolTarget } from './wire-result.ts';

/**
 * AMQP (RabbitMQ…) by protocol: sends the 0-9-1 protocol header and expects `connection.start` or a protocol
 * header back; both mean an AMQP broker is up (a header names the version it wants instead: `detail.version`).
 * The connection is dropped before any credentials. Never rejects.
 * detail: `{ protocol: 'amqp', alive, answer: 'start' | 'header', product?, version?, platform?, mechanisms? }`.
 */
export async function exchangeAmqp(
  wire: WireExchangePort,
  target: ProtocolTarget,
  options: ProtocolExchangeOptions = {},
): Promise<ProtocolProbeResult> {
  const { outcome, failed } = await exchangeWithinBudget(wire, 'amqp', target, options, {
    send: AMQP_091_HEADER,
    complete: amqpAnswerComplete,
    expected: 'an answer to the AMQP protocol header',
  });
  if (failed) return failed;
  const answer = parseAmqpAnswer(outcome.bytes);
  if (answer.kind === 'start') {
    const { kind: _kind, versionMajor, versionMinor, ...props } = answer;
    return judged('amqp', target, outcome, {
      ok: true,
      detail: { protocol: 'amqp', alive: true, answer: 'start', amqpVersion: `${versionMajor}-${versionMinor}`, ...props },
    });
  }
  if (answer.kind === 'header') {
    return judged('amqp', target, outcome, {
      ok: true,
      detail: { protocol: 'amqp', alive: true, answer: 'header', amqpVersion: answer.version },
    });
  }
  return judged('amqp', target, outcome, {
    ok: false,
    error: mismatch(targetName(target), 'AMQP', outcome.bytes),
    detail: { protocol: 'unknown', alive: false },
  });
}
