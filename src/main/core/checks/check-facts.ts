import type { ContainerInfo, DependencyTarget, PortBinding, ProbeResult, Reachability, StackService } from '../../../shared/model/index.ts';
import type { OrchestratorTarget } from '../../../shared/model/index.ts';
import type { TopologyVerdict } from '../network/network-topology.ts';
import { factKey } from './fact-store.ts';

/**
 * The facts the built-in checks keep, and their keys: several checks, the finding rules and the report
 * builders read them, so they live here rather than in one check's file (which would tie the checks into
 * import cycles). A new check whose facts nobody else reads declares its type and key in its own file.
 */

/** DNS from where Stack Doctor runs, for one host some service is configured to call. */
export interface HostDnsFact {
  host: string;
  probe: ProbeResult;
}

/** TCP connect from where Stack Doctor runs to one configured `host:port` target. */
export interface HostTcpFact {
  host: string;
  port: number;
  probe: ProbeResult;
}

/** One consumer container asked to resolve one host it is configured to call. */
export interface ContainerDnsFact {
  service: StackService;
  container: ContainerInfo;
  target: DependencyTarget;
  probe: ProbeResult;
  reachability: Reachability;
  topology: TopologyVerdict;
}

/** A published port of a running container, connected to from where Stack Doctor runs. */
export interface PortFact {
  service: StackService;
  binding: PortBinding;
  probe: ProbeResult;
}

/** An HTTP health URL or WebSocket URL of a service, probed from where Stack Doctor runs. */
export interface UrlFact {
  service: StackService;
  url: string;
  probe: ProbeResult;
}

/** The state of a service's container, as a probe result (no I/O: from the engine's listing). */
export interface ContainerStateFact {
  service: StackService;
  probe: ProbeResult;
}

export const containerStateFacts = factKey<ContainerStateFact>('container-state');
export const hostDnsFacts = factKey<HostDnsFact>('host-dns');
export const hostTcpFacts = factKey<HostTcpFact>('host-tcp');
export const containerDnsFacts = factKey<ContainerDnsFact>('container-dns');
export const publishedPortFacts = factKey<PortFact>('published-port');
export const httpHealthFacts = factKey<UrlFact>('http-health');
export const wsHandshakeFacts = factKey<UrlFact>('ws-handshake');
export const orchestratorTargetFacts = factKey<OrchestratorTarget>('orchestrator-target');
