import type {
  ContainerInfo,
  DependencyTarget,
  OrchestratorTarget,
  PortBinding,
  ProbeResult,
  Reachability,
  StackService,
} from '../../../shared/model/index.ts';

/** What the container-DNS probe decided from the network model (mirrors probes/container-dns.probe.ts). */
export interface ContainerDnsTopology {
  resolves: boolean | null;
  via?: { container: string; network: string };
  /** Networks on which some container answers to the host: where the consumer would have to be. */
  reachableOn: string[];
  note: string;
}

/** One consumer container asked to resolve one host it is configured to call. */
export interface ContainerDnsCheck {
  service: StackService;
  container: ContainerInfo;
  target: DependencyTarget;
  probe: ProbeResult;
  reachability: Reachability;
  topology: ContainerDnsTopology;
}

/** A published port of a running container, connected to from where Stack Doctor runs. */
export interface PortCheck {
  service: StackService;
  binding: PortBinding;
  probe: ProbeResult;
}

/** An HTTP health URL or WebSocket URL of a service, probed from where Stack Doctor runs. */
export interface UrlCheck {
  service: StackService;
  url: string;
  probe: ProbeResult;
}

/** Every probe outcome of one run, keyed so rules and the truth matrix can look facts up. */
export interface ProbeFacts {
  /** DNS from here, by host. */
  hostDns: Map<string, ProbeResult>;
  /** TCP connect from here to each target, by `host:port`. */
  hostTcp: Map<string, ProbeResult>;
  containerDns: ContainerDnsCheck[];
  ports: PortCheck[];
  health: UrlCheck[];
  ws: UrlCheck[];
  orchestrator: OrchestratorTarget;
}

export function hostPortKey(host: string, port: number): string {
  return `${host}:${port}`;
}
