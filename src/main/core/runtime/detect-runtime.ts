import type { ContainerInfo, Runtime } from '../../../shared/model/index.ts';
import { LABEL_PROJECT } from '../discovery/container-labels.ts';
import type { RuntimeSignals } from '../ports/index.ts';

/** Env variables the Dev Containers tooling and Codespaces set inside a devcontainer. */
const DEVCONTAINER_ENV = ['REMOTE_CONTAINERS', 'CODESPACES', 'DEVCONTAINER', 'VSCODE_REMOTE_CONTAINERS_SESSION'] as const;
/** Env variables whose presence says a compose service runs us (compose itself sets none; users often do). */
const COMPOSE_ENV = ['COMPOSE_PROJECT_NAME'] as const;

const CGROUP_RUNTIMES = ['docker', 'containerd', 'kubepods', 'libpod'] as const;
const ID = '([0-9a-f]{64})';
/** Where a 64-hex container id shows: cgroup v1 paths, systemd scopes, and the v2 mountinfo of resolv.conf/hostname. */
const ID_PATTERNS = [
  new RegExp(`/docker/containers/${ID}`),
  new RegExp(`/containers/storage/overlay-containers/${ID}`),
  new RegExp(`/docker/${ID}`),
  new RegExp(`docker-${ID}\\.scope`),
  new RegExp(`cri-containerd-${ID}`),
  new RegExp(`libpod-${ID}`),
  new RegExp(`/kubepods[^\\s]*/${ID}`),
];

export interface DetectRuntimeOptions {
  /**
   * The engine's containers when it was reachable (null or absent otherwise). The one among them whose id
   * is ours tells through its compose project label, the one certain sign, whether a compose service runs us.
   */
  containers?: readonly Pick<ContainerInfo, 'id' | 'labels'>[] | null;
}

/**
 * Decides where this process runs from the raw signals. A devcontainer wins over a plain container
 * (it is one, with editor tooling); a container is a compose service when the engine or env says so.
 */
export function detectRuntime(signals: RuntimeSignals, options: DetectRuntimeOptions = {}): Runtime {
  const evidence: string[] = [];
  const devcontainerEnv = DEVCONTAINER_ENV.filter((name) => isSet(signals.env[name]));
  for (const name of devcontainerEnv) evidence.push(`${name}=${signals.env[name]}`);

  const containerEvidence: string[] = [];
  if (signals.dockerenvExists) containerEvidence.push('/.dockerenv');
  const cgroupRuntime = CGROUP_RUNTIMES.find((name) => signals.cgroup.includes(name));
  if (cgroupRuntime) containerEvidence.push(`cgroup:${cgroupRuntime}`);
  if (/\/(docker\/containers|overlay-containers)\/[0-9a-f]{64}/.test(signals.mountinfo)) containerEvidence.push('mountinfo:container');
  evidence.push(...containerEvidence);

  const containerId = findContainerId(signals, containerEvidence.length > 0 || devcontainerEnv.length > 0);
  const composeEnv = COMPOSE_ENV.filter((name) => isSet(signals.env[name]));

  let kind: Runtime['kind'] = 'host';
  if (devcontainerEnv.length > 0) kind = 'devcontainer';
  else if (containerEvidence.length > 0) {
    kind = 'container';
    const composeProject = ownComposeProject(containerId, options.containers);
    if (composeProject) {
      evidence.push(`label:${LABEL_PROJECT}=${composeProject}`);
      kind = 'compose-service';
    } else if (composeEnv.length > 0) {
      for (const name of composeEnv) evidence.push(`${name}=${signals.env[name]}`);
      kind = 'compose-service';
    }
  }

  const runtime: Runtime = { kind, signals: evidence, hostname: signals.hostname };
  if (containerId) runtime.containerId = containerId;
  return runtime;
}

/** The compose project label of our own container, found by its full id or the short id Docker names hosts after. */
function ownComposeProject(containerId: string | undefined, containers: DetectRuntimeOptions['containers']): string | undefined {
  if (!containerId || !containers) return undefined;
  const own = containers.find(
    (container) => container.id === containerId || (containerId.length === 12 && container.id.startsWith(containerId)),
  );
  return own?.labels[LABEL_PROJECT] || undefined;
}

function findContainerId(signals: RuntimeSignals, inContainer: boolean): string | undefined {
  for (const text of [signals.mountinfo, signals.cgroup]) {
    for (const pattern of ID_PATTERNS) {
      const id = pattern.exec(text)?.[1];
      if (id) return id;
    }
  }
  // Docker names a container's host after its short id unless `hostname:` overrides it.
  return inContainer && /^[0-9a-f]{12}$/.test(signals.hostname) ? signals.hostname : undefined;
}

/** `REMOTE_CONTAINERS=false` or an empty value is no evidence. */
function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value.toLowerCase() !== 'false' && value !== '0';
}
