import type { ProbeResult } from '../../../shared/model/index.ts';
import type { WireExchangePort } from '../ports/wire-exchange.port.ts';
import { exchangeAmqp } from './amqp.exchange.ts';
import { exchangeMysql } from './mysql-greeting.exchange.ts';
import { exchangePostgres } from './postgres-ssl.exchange.ts';
import { exchangeRedisPing } from './redis-ping.exchange.ts';
import type { ProtocolExchangeOptions, ProtocolTarget } from './wire-result.ts';

/** The infrastructure protocols with a protocol exchange: each proves the server alive without credentials. */
export type ServiceProtocol = 'redis' | 'postgres' | 'mysql' | 'amqp';

/**
 * Asks `target` in its own protocol: Redis `PING`, PostgreSQL SSLRequest, MySQL/MariaDB greeting, AMQP protocol
 * header. The result is a ProbeResult whose kind names the protocol. Never rejects.
 */
export async function exchangeServiceProtocol(
  wire: WireExchangePort,
  protocol: ServiceProtocol,
  target: ProtocolTarget,
  options: ProtocolExchangeOptions = {},
): Promise<ProbeResult & { kind: ServiceProtocol }> {
  const exchange = { redis: exchangeRedisPing, postgres: exchangePostgres, mysql: exchangeMysql, amqp: exchangeAmqp }[protocol];
  const result = await exchange(wire, target, options);
  return { ...result, kind: protocol };
}

/**
 * True when the server accepted the connection but did not answer in its protocol: silent (`TIMEOUT` once
 * connected), hung up without a word (`PEER_CLOSED`, `ECONNRESET` once connected), or said something else
 * (`PROTOCOL_MISMATCH`). A server that answered and refused (`REDIS_LOADING`, `POSTGRES_ERROR`, `AUTH_FAILED`…)
 * is alive and is not this; a refused connect is not either (nothing accepted it).
 */
export function acceptedButUnanswered(probe: ProbeResult): boolean {
  if (probe.ok) return false;
  const code = probe.error?.code;
  if (code === 'PROTOCOL_MISMATCH') return true;
  const connected = probe.detail?.['connected'] === true;
  return connected && (code === 'TIMEOUT' || code === 'PEER_CLOSED' || code === 'ECONNRESET');
}
