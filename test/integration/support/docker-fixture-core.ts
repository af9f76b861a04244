import { randomBytes } from 'node:crypto';
import Docker from 'dockerode';
import { TEST_IMAGE } from './busybox-image.ts';
import { removeLabelled, RUN_LABEL, SESSION_LABEL } from './docker-cleanup.ts';

/** Options for {@link DockerFixture.network}. */
export interface NetworkSpec {
  /** Use the name as given instead of appending `-<runId>`. Default false (names stay unique across runs). */
  exactName?: boolean;
  /** Extra labels, e.g. `com.docker.compose.project` / `com.docker.compose.network` to look like compose's. */
  labels?: Record<string, string>;
  /** Default `bridge` (a user-defined bridge: embedded DNS on). */
  driver?: string;
  /** No route outside the network. Default false. */
  internal?: boolean;
}

/** A network the fixture created. */
export interface CreatedNetwork {
  id: string;
  /** The engine name (with the `-<runId>` suffix unless `exactName`). */
  name: string;
}

/** One network attachment of a container. */
export interface NetworkAttachment {
  /** A name given to {@link DockerFixture.network} (mapped to its suffixed engine name), an engine name, or `bridge`. */
  name: string;
  /** DNS aliases on that network, e.g. `['orchestrator-service']`. */
  aliases?: string[];
}

/** A port to publish. */
export interface PortSpec {
  container: number;
  /** Host port; 0 (default) lets the engine pick one, read back in CreatedContainer.hostPorts. */
  host?: number;
  /** Default `127.0.0.1`, so tests never listen on public interfaces. */
  hostIp?: string;
  /** Default `tcp`. */
  protocol?: 'tcp' | 'udp';
}

/** A Docker HEALTHCHECK, in milliseconds. */
export interface HealthcheckSpec {
  /** `['CMD-SHELL', 'exit 1']` or `['CMD', 'wget', '-q', '-O-', 'http://127.0.0.1:8006/health']`. */
  test: string[];
  /** Default 500 ms (so unhealthy shows within a few seconds). */
  intervalMs?: number;
  /** Default 500 ms. */
  timeoutMs?: number;
  /** Default 1. */
  retries?: number;
  /** Default 0. */
  startPeriodMs?: number;
}

/** Options for {@link DockerFixture.container}. */
export interface ContainerSpec {
  /** Base name; the container is named `<name>-<runId>` unless `exactName`. */
  name: string;
  exactName?: boolean;
  /** Default TEST_IMAGE (busybox: sh, httpd, nc, nslookup, wget, sleep). */
  image?: string;
  /** argv, e.g. `['sleep', '3600']` or `['sh', '-c', 'exit 3']`. */
  cmd: string[];
  env?: Record<string, string>;
  /** The first attachment is made at create time, the others by connecting before start. Default: the default `bridge`. */
  networks?: NetworkAttachment[];
  ports?: PortSpec[];
  /** Added to the fixture's own `stack-doctor.test` labels (compose, devcontainer labels…). */
  labels?: Record<string, string>;
  healthcheck?: HealthcheckSpec;
  restartPolicy?: { name: 'no' | 'always' | 'unless-stopped' | 'on-failure'; maximumRetryCount?: number };
  /** Start it. Default true; false leaves it `created`. */
  start?: boolean;
}

/** A container the fixture created. */
export interface CreatedContainer {
  id: string;
  /** Engine name, without the leading `/`. */
  name: string;
  /** Published host port by container port (tcp and udp alike); read after start. */
  hostPorts: Record<number, number>;
  /** The first published host port, if any. */
  hostPort: number | undefined;
}

/** Options for the polling waits. */
export interface WaitOptions {
  /** Default 30 000 ms. */
  timeoutMs?: number;
  /** Pause between polls. Default 100 ms. */
  intervalMs?: number;
  /** Named in the timeout error. */
  description?: string;
}

/**
 * Creates and tracks Docker resources for one test file. Everything it creates carries
 * `stack-doctor.test=<runId>` (and the run's session label) and is force-removed by {@link dispose},
 * which the vitest wrapper in docker-fixture.ts registers as an after-all hook; other callers dispose themselves.
 */
export interface DockerFixture {
  /** Unique per fixture; suffix of every name it creates. */
  readonly runId: string;
  /** The raw engine client, for what the helpers do not cover. */
  readonly docker: Docker;
  /** The busybox test image. */
  readonly image: string;
  /** `<base>-<runId>`: a name no concurrent run uses. */
  unique(base: string): string;
  network(name: string, spec?: NetworkSpec): Promise<CreatedNetwork>;
  container(spec: ContainerSpec): Promise<CreatedContainer>;
  inspect(id: string): Promise<Docker.ContainerInspectInfo>;
  /** Polls `predicate` until it returns true (or a truthy value, which is returned). */
  waitFor<T>(predicate: () => T | Promise<T>, options?: WaitOptions): Promise<NonNullable<T>>;
  /** Polls inspect until `predicate(inspect)` holds; returns that inspect. */
  waitForContainer(
    id: string,
    predicate: (info: Docker.ContainerInspectInfo) => boolean,
    options?: WaitOptions,
  ): Promise<Docker.ContainerInspectInfo>;
  /** Waits for `State.Status`. */
  waitForState(id: string, state: string, options?: WaitOptions): Promise<Docker.ContainerInspectInfo>;
  /** Waits for `State.Health.Status`. */
  waitForHealth(id: string, health: 'healthy' | 'unhealthy' | 'starting', options?: WaitOptions): Promise<Docker.ContainerInspectInfo>;
  /** Waits for the container to exit (engine wait API, no polling); returns its exit code. */
  waitForExit(id: string): Promise<number>;
  /** Polls `url` from the host until it answers with any HTTP status; returns that status. */
  waitForHttp(url: string, options?: WaitOptions): Promise<number>;
  /** Force-removes everything this fixture created. Idempotent; never throws. */
  dispose(): Promise<void>;
}

/**
 * The fixture without any test-runner hook, so Playwright (and scripts) can use it too: the caller disposes.
 * `session` (optional) is stamped as {@link SESSION_LABEL} so a run-wide sweep can find leftovers.
 */
export function createDockerFixtureCore(docker: Docker = new Docker(), session?: string): DockerFixture {
  const runId = `sd${randomBytes(4).toString('hex')}`;
  const networkNames = new Map<string, string>();
  const unique = (base: string): string => `${base}-${runId}`;
  const ownLabels = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...extra,
    [RUN_LABEL]: runId,
    ...(session ? { [SESSION_LABEL]: session } : {}),
  });

  const waitFor = async <T>(predicate: () => T | Promise<T>, options: WaitOptions = {}): Promise<NonNullable<T>> => {
    const { timeoutMs = 30_000, intervalMs = 100, description = 'condition' } = options;
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    for (;;) {
      try {
        const value = await predicate();
        if (value) return value as NonNullable<T>;
      } catch (error) {
        lastError = error;
      }
      if (Date.now() >= deadline) {
        const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
        throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}${why}`);
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  };

  const inspect = (id: string): Promise<Docker.ContainerInspectInfo> => docker.getContainer(id).inspect();
  const waitForContainer: DockerFixture['waitForContainer'] = (id, predicate, options = {}) =>
    waitFor(
      async () => {
        const info = await inspect(id);
        return predicate(info) ? info : undefined;
      },
      { description: `container ${id.slice(0, 12)}`, ...options },
    );

  const fixture: DockerFixture = {
    runId,
    docker,
    image: TEST_IMAGE,
    unique,

    async network(name, spec = {}) {
      const engineName = spec.exactName ? name : unique(name);
      const created = await docker.createNetwork({
        Name: engineName,
        Driver: spec.driver ?? 'bridge',
        Internal: spec.internal ?? false,
        CheckDuplicate: true,
        Labels: ownLabels(spec.labels),
      });
      networkNames.set(name, engineName);
      return { id: created.id, name: engineName };
    },

    async container(spec) {
      const name = spec.exactName ? spec.name : unique(spec.name);
      const attachments = (spec.networks ?? []).map((n) => ({ name: networkNames.get(n.name) ?? n.name, aliases: n.aliases ?? [] }));
      const [first, ...rest] = attachments;
      const exposed: Record<string, object> = {};
      const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
      for (const port of spec.ports ?? []) {
        const key = `${port.container}/${port.protocol ?? 'tcp'}`;
        exposed[key] = {};
        (bindings[key] ??= []).push({ HostIp: port.hostIp ?? '127.0.0.1', HostPort: String(port.host ?? 0) });
      }
      const ms = 1_000_000;
      const created = await docker.createContainer({
        name,
        Image: spec.image ?? TEST_IMAGE,
        Cmd: spec.cmd,
        Env: Object.entries(spec.env ?? {}).map(([k, v]) => `${k}=${v}`),
        Labels: ownLabels(spec.labels),
        ExposedPorts: exposed,
        ...(spec.healthcheck
          ? {
              Healthcheck: {
                Test: spec.healthcheck.test,
                Interval: (spec.healthcheck.intervalMs ?? 500) * ms,
                Timeout: (spec.healthcheck.timeoutMs ?? 500) * ms,
                Retries: spec.healthcheck.retries ?? 1,
                StartPeriod: (spec.healthcheck.startPeriodMs ?? 0) * ms,
              },
            }
          : {}),
        HostConfig: {
          PortBindings: bindings,
          ...(first ? { NetworkMode: first.name } : {}),
          ...(spec.restartPolicy
            ? { RestartPolicy: { Name: spec.restartPolicy.name, MaximumRetryCount: spec.restartPolicy.maximumRetryCount ?? 0 } }
            : {}),
        },
        ...(first ? { NetworkingConfig: { EndpointsConfig: { [first.name]: { Aliases: first.aliases } } } } : {}),
      });
      for (const attachment of rest) {
        await docker.getNetwork(attachment.name).connect({ Container: created.id, EndpointConfig: { Aliases: attachment.aliases } });
      }
      if (spec.start !== false) await created.start();
      const info = await created.inspect();
      const hostPorts: Record<number, number> = {};
      for (const [key, published] of Object.entries(info.NetworkSettings.Ports ?? {})) {
        const hostPort = published?.[0]?.HostPort;
        if (hostPort) hostPorts[Number(key.split('/')[0])] = Number(hostPort);
      }
      const firstPort = spec.ports?.[0];
      return {
        id: created.id,
        name,
        hostPorts,
        hostPort: firstPort ? hostPorts[firstPort.container] : undefined,
      };
    },

    inspect,
    waitFor,
    waitForContainer,
    waitForState: (id, state, options) =>
      waitForContainer(id, (i) => i.State.Status === state, { description: `container ${id.slice(0, 12)} to be ${state}`, ...options }),
    waitForHealth: (id, health, options) =>
      waitForContainer(id, (i) => i.State.Health?.Status === health, {
        description: `container ${id.slice(0, 12)} to be ${health}`,
        ...options,
      }),
    async waitForExit(id) {
      const result = (await docker.getContainer(id).wait()) as { StatusCode: number };
      return result.StatusCode;
    },
    waitForHttp: (url, options) =>
      waitFor(async () => (await fetch(url, { signal: AbortSignal.timeout(1000) })).status, { description: `HTTP ${url}`, ...options }),

    async dispose() {
      await removeLabelled(docker, `${RUN_LABEL}=${runId}`);
    },
  };

  return fixture;
}
