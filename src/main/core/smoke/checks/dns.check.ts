import type { SmokeDnsCheck } from '../../../../shared/model/index.ts';
import type { EngineReadPort } from '../../ports/engine-read.port.ts';
import type { NetworkProbePort } from '../../ports/network-probe.port.ts';
import type { SmokeExecPort } from '../../ports/smoke-exec.port.ts';
import { lookupInContainer } from '../../checks/container-lookup.ts';
import { error, fail, pass, type CheckContext, type CheckVerdict } from '../smoke-check.ts';

/**
 * Passes when `host` resolves from where the check says: the OS resolver here, or `getent`/`nslookup` run
 * inside the named container (the same lookup the diagnosis runs). A lookup that cannot run (no exec port,
 * container missing or stopped, no lookup tool) is an `error`, not a `fail`: nothing was learnt about the name.
 */
export async function runDnsCheck(
  check: SmokeDnsCheck,
  ports: { net: Pick<NetworkProbePort, 'lookup'>; exec?: SmokeExecPort },
  context: CheckContext,
): Promise<CheckVerdict> {
  if (check.from === 'host') {
    const probe = await ports.net.lookup(check.host, context.timeoutMs);
    if (probe.ok) return pass();
    return fail(probe.error ? `${probe.error.code}: ${probe.error.message}` : `${check.host} does not resolve here`);
  }
  const { container } = check.from;
  if (!ports.exec)
    return error(`lookups inside containers are not available here (no engine), so ${check.host} was not looked up in ${container}`);
  const lookup = await lookupInContainer(execOnly(ports.exec), container, check.host, context.timeoutMs, () => context.clock.now());
  if (lookup.resolves === true) return pass();
  if (lookup.resolves === false) return fail(`${container}: ${lookup.note}`);
  if (lookup.failure?.code === 'TIMEOUT') return fail(`${container}: ${lookup.note}`);
  return error(`${container}: ${lookup.note}`);
}

/**
 * lookupInContainer is typed on the whole engine port but only calls `exec`; this view gives it nothing
 * else. It goes away when the engine port is split into read/control/events (issue 7).
 */
function execOnly(exec: SmokeExecPort): EngineReadPort {
  const view: Pick<EngineReadPort, 'exec'> = { exec: (container, argv, timeoutMs) => exec.exec(container, argv, timeoutMs) };
  return view as EngineReadPort;
}
