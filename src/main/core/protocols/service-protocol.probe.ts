import type { ProbeResult } from '../../../shared/model/index.ts';
import type { WireExchangePort } from '../ports/protocol-probe.port.ts';
import { probeAmqp } from './amqp.probe.ts';
import { probeMysql } from './mysql-greeting.probe.ts';
import { probePostgres } from './postgres-ssl.probe.ts';
import { probeRedisPing } from './redis-ping.probe.ts';
import type { ProtocolProbeOptions, ProtocolTarget } from './wire-result.ts';

/** The infrastructure protocols with a probe: each proves the server alive without credentials. */
export type ServiceProtocol = 'redis' | 'postgres' | 'mysql' | 'amqp';

/**
 * Asks `target` in its own protocol: Redis `PING`, PostgreSQL SSLRequest, MySQL/MariaDB greeting, AMQP protocol
 * header. The result is a ProbeResult whose kind names the protocol. Never rejects.
 */
export async function probeServiceProtocol(
  wire: WireExchangePort,
  protocol: ServiceProtocol,
  target: ProtocolTarget,
  options: ProtocolProbeOptions = {},
): Promise<ProbeResult & { kind: ServiceProtocol }> {
  const probe = { redis: probeRedisPing, postgres: probePostgres, mysql: probeMysql, amqp: probeAmqp }[protocol];
  const result = await probe(wire, target, options);
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
