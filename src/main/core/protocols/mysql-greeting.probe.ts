import type { ProtocolProbeResult, WireExchangePort } from '../ports/protocol-probe.port.ts';
import { mysqlGreetingComplete, parseMysqlGreeting } from './mysql-greeting.parser.ts';
import { DEFAULT_PROTOCOL_TIMEOUT_MS, failedExchange, judged, mismatch, targetName, type ProtocolTarget } from './wire-result.ts';

export interface MysqlProbeOptions {
  /** Budget of the whole probe, ms. Default {@link DEFAULT_PROTOCOL_TIMEOUT_MS} (2000). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * MySQL/MariaDB by protocol: connects, sends nothing, and reads the server greeting (HandshakeV10) the server
 * sends first. An ERR packet instead (1040 too many connections, 1130 host not allowed…) is `MYSQL_ERROR`:
 * alive, refusing. Never rejects.
 * detail: `{ protocol: 'mysql', alive, serverVersion, flavor, protocolVersion, authPlugin?, ssl?, errorCode? }`.
 */
export async function probeMysql(
  wire: WireExchangePort,
  target: ProtocolTarget,
  options: MysqlProbeOptions = {},
): Promise<ProtocolProbeResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROTOCOL_TIMEOUT_MS;
  const outcome = await wire.exchange({
    host: target.host,
    port: target.port,
    timeoutMs,
    complete: mysqlGreetingComplete,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const failed = failedExchange('mysql', target, outcome, 'a server greeting', timeoutMs);
  if (failed) return failed;
  const name = targetName(target);
  const greeting = parseMysqlGreeting(outcome.bytes);
  if (greeting.kind === 'handshake') {
    const { kind: _kind, ...facts } = greeting;
    return judged('mysql', target, outcome, { ok: true, detail: { protocol: 'mysql', alive: true, ...facts } });
  }
  if (greeting.kind === 'error') {
    return judged('mysql', target, outcome, {
      ok: false,
      error: { code: 'MYSQL_ERROR', message: `MySQL at ${name} refused the connection: ${greeting.errorCode} ${greeting.message}` },
      detail: { protocol: 'mysql', alive: true, errorCode: greeting.errorCode },
    });
  }
  return judged('mysql', target, outcome, {
    ok: false,
    error: mismatch(name, 'MySQL', outcome.bytes),
    detail: { protocol: 'unknown', alive: false },
  });
}
