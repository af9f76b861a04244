import type { SmokeTcpCheck } from '../../../../shared/model/index.ts';
import type { NetworkProbePort } from '../../ports/network-probe.port.ts';
import { fail, pass, type CheckContext, type CheckVerdict } from '../smoke-check.ts';

/** Passes when a TCP connection to host:port opens and is not dropped at once (see NetworkProbePort.tcpConnect). */
export async function runTcpCheck(
  check: SmokeTcpCheck,
  net: Pick<NetworkProbePort, 'tcpConnect'>,
  context: CheckContext,
): Promise<CheckVerdict> {
  const probe = await net.tcpConnect(check.host, check.port, context.timeoutMs);
  if (probe.ok) return pass();
  return fail(probe.error ? `${probe.error.code}: ${probe.error.message}` : `${check.host}:${check.port} did not accept a connection`);
}
