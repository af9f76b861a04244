import type { ProtocolProbeResult, WireExchangePort } from '../ports/wire-exchange.port.ts';
import { mysqlGreetingComplete, parseMysqlGreeting } from './mysql-greeting.parser.ts';
import { exchangeWithinBudget, judged, mismatch, targetName, type ProtocolExchangeOptions, type ProtocolTarget } from './wire-result.ts';

/**
 * MySQL/MariaDB by protocol: connects, sends nothing, and reads the server greeting (HandshakeV10) the server
 * sends first. An ERR packet instead (1040 too many connections, 1130 host not allowed…) is `MYSQL_ERROR`:
 * alive, refusing. Never rejects.
 * detail: `{ protocol: 'mysql', alive, serverVersion, flavor, protocolVersion, authPlugin?, ssl?, errorCode? }`.
 */
export async function exchangeMysql(
  wire: WireExchangePort,
  target: ProtocolTarget,
  options: ProtocolExchangeOptions = {},
): Promise<ProtocolProbeResult> {
  const { outcome, failed } = await exchangeWithinBudget(wire, 'mysql', target, options, {
    complete: mysqlGreetingComplete,
    expected: 'a server greeting',
  });
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
