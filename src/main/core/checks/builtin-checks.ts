import { CheckRegistry } from './check-registry.ts';
import { containerDnsCheck } from './container-dns.check.ts';
import { containerStateCheck } from './container-state.check.ts';
import { hostDnsCheck } from './host-dns.check.ts';
import { hostTcpCheck } from './host-tcp.check.ts';
import { httpHealthCheck } from './http-health.check.ts';
import { orchestratorTargetCheck } from './orchestrator-target.check.ts';
import { protocolHealthCheck } from './protocol-health.check.ts';
import { publishedHealthCheck } from './published-health.check.ts';
import { publishedPortCheck } from './published-port.check.ts';
import { wsHandshakeCheck } from './ws-handshake.check.ts';

/**
 * Every built-in check, registered in the order their findings and a service's probes are listed. A new
 * check is one file in this folder plus one line here. The engine check is not among them: it runs before
 * discovery, which needs its container list (see diagnosis/engine-check.ts).
 */
export function builtinChecks(): CheckRegistry {
  const registry = new CheckRegistry();
  registry.register(containerStateCheck);
  registry.register(hostDnsCheck);
  registry.register(hostTcpCheck);
  registry.register(containerDnsCheck);
  registry.register(publishedPortCheck);
  registry.register(httpHealthCheck);
  registry.register(publishedHealthCheck);
  registry.register(wsHandshakeCheck);
  registry.register(protocolHealthCheck);
  registry.register(orchestratorTargetCheck);
  return registry;
}
