import type { ContainerInfo, OrchestratorTarget, ProbeResult, Stack, StackConfig, StackService } from '../../../shared/model/index.ts';
import type { EngineReadPort, NetworkInfo } from '../ports/engine-read.port.ts';
import type { NetworkProbePort } from '../ports/network-probe.port.ts';
import { resolveOrchestratorTarget, type TargetInput } from '../orchestrator/resolve-target.ts';
import { probeDnsFromContainer } from '../probes/container-dns.probe.ts';
import { guardProbe } from './probe-guard.ts';
import { hostPortKey, type ContainerDnsCheck, type PortCheck, type ProbeFacts, type UrlCheck } from './probe-facts.ts';
import { errorMessage } from '../../../shared/error-message.ts';

export interface ProbeRunInput {
  engine: EngineReadPort;
  net: NetworkProbePort;
  stack: Stack;
  config: StackConfig;
  /** Null when the engine was unreachable: no in-container probes then. */
  containers: ContainerInfo[] | null;
  networks: NetworkInfo[];
  /** Default per-probe timeout, ms; a service's `timeoutMs` in stack config overrides it for that service. */
  timeoutMs: number;
  orchestrator: TargetInput;
  /** Monotonic ms for in-container probe latencies (the run's Clock). */
  now: () => number;
}

/** Published on every interface (or unspecified): connect over loopback. */
function connectHost(hostIp: string | undefined): string {
  return !hostIp || hostIp === '0.0.0.0' || hostIp === '::' ? '127.0.0.1' : hostIp;
}

/**
 * Starts every probe of the run at once and waits for all of them: the run costs the slowest probe, not the
 * sum. Each probe is bounded by its own timeout; none rejects (failures are ProbeResult values).
 */
export async function runProbes(input: ProbeRunInput): Promise<ProbeFacts> {
  const { net, engine, stack, config, containers, networks } = input;
  const services = stack.services.filter((s) => !config.services?.[s.name]?.ignore);
  const timeoutOf = (s: StackService): number => config.services?.[s.name]?.timeoutMs ?? input.timeoutMs;
  const running = (s: StackService): s is StackService & { container: ContainerInfo } => s.container?.state === 'running';

  const hostTargets = new Map<string, { host: string; port: number; timeoutMs: number }>();
  for (const s of services)
    for (const t of s.targets) {
      const key = hostPortKey(t.host, t.port);
      const known = hostTargets.get(key);
      hostTargets.set(key, { host: t.host, port: t.port, timeoutMs: Math.max(known?.timeoutMs ?? 0, timeoutOf(s)) });
    }
  const hosts = new Map<string, number>();
  for (const t of hostTargets.values()) hosts.set(t.host, Math.max(hosts.get(t.host) ?? 0, t.timeoutMs));

  const hostDnsTasks = [...hosts].map(async ([host, timeoutMs]) => {
    const probe = await guardProbe(net.lookup(host, timeoutMs), { kind: 'dns-host', target: host, from: 'host', timeoutMs });
    return [host, probe] as const;
  });
  const hostTcpTasks = [...hostTargets].map(async ([key, t]) => {
    const probe = await guardProbe(net.tcpConnect(t.host, t.port, t.timeoutMs), {
      kind: 'tcp',
      target: key,
      from: 'host',
      timeoutMs: t.timeoutMs,
    });
    return [key, probe] as const;
  });

  const containerDnsTasks: Promise<ContainerDnsCheck>[] =
    containers === null
      ? []
      : services.filter(running).flatMap((service) =>
          uniqueByHost(service).map(async (target) => {
            const result = await probeDnsFromContainer(engine, {
              consumer: service.container,
              host: target.host,
              containers,
              networks,
              timeoutMs: timeoutOf(service),
              now: input.now,
            }).catch((error: unknown) => unknownDns(service.container, target.host, error));
            return { service, container: service.container, target, ...result };
          }),
        );

  const portTasks: Promise<PortCheck>[] = services.filter(running).flatMap((service) =>
    service.container.ports
      .filter((binding) => binding.hostPort !== undefined && binding.protocol === 'tcp')
      .map(async (binding) => {
        const host = connectHost(binding.hostIp);
        const port = binding.hostPort as number;
        const timeoutMs = timeoutOf(service);
        const probe = await guardProbe(net.tcpConnect(host, port, timeoutMs), {
          kind: 'tcp',
          target: hostPortKey(host, port),
          from: 'host',
          timeoutMs,
        });
        return { service, binding, probe };
      }),
  );

  // A service without a container has nothing to answer; an exited one is reported as CONTAINER_EXITED.
  const probed = services.filter((s) => (s.container === null ? !s.declared : running(s)));
  const urlTask = (kind: 'http' | 'ws', service: StackService, url: string): Promise<UrlCheck> => {
    const timeoutMs = timeoutOf(service);
    const call = kind === 'http' ? net.httpGet(url, timeoutMs) : net.wsHandshake(url, timeoutMs);
    return guardProbe(call, { kind, target: url, from: 'host', timeoutMs }).then((probe: ProbeResult) => ({ service, url, probe }));
  };
  const healthTasks = probed.flatMap((s) => (s.healthUrl ? [urlTask('http', s, s.healthUrl)] : []));
  const wsTasks = probed.flatMap((s) => (s.wsUrl ? [urlTask('ws', s, s.wsUrl)] : []));

  const orchestratorTask: Promise<OrchestratorTarget> = resolveOrchestratorTarget(net, input.orchestrator);

  const [hostDns, hostTcp, containerDns, ports, health, ws, orchestrator] = await Promise.all([
    Promise.all(hostDnsTasks),
    Promise.all(hostTcpTasks),
    Promise.all(containerDnsTasks),
    Promise.all(portTasks),
    Promise.all(healthTasks),
    Promise.all(wsTasks),
    orchestratorTask,
  ]);
  return { hostDns: new Map(hostDns), hostTcp: new Map(hostTcp), containerDns, ports, health, ws, orchestrator };
}

function uniqueByHost(service: StackService): StackService['targets'] {
  const seen = new Set<string>();
  return service.targets.filter((t) => (seen.has(t.host) ? false : (seen.add(t.host), true)));
}

/** Safety net: the container probe should never reject; if it does, the answer is "unknown", not a crash. */
function unknownDns(container: ContainerInfo, host: string, error: unknown): Omit<ContainerDnsCheck, 'service' | 'container' | 'target'> {
  const message = errorMessage(error);
  return {
    probe: { kind: 'dns-container', target: host, from: container.name, ok: false, latencyMs: 0, error: { code: 'PROBE_FAILED', message } },
    reachability: { resolves: null, answers: null, basis: 'not-checked', note: message },
    topology: { resolves: null, reachableOn: [], note: message },
  };
}
