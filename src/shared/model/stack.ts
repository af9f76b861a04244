import { z } from 'zod';

export const containerStateSchema = z.enum(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']);
export type ContainerState = z.infer<typeof containerStateSchema>;

export const healthStatusSchema = z.enum(['healthy', 'unhealthy', 'starting', 'none']);

export const containerNetworkSchema = z.object({
  name: z.string(),
  /** DNS names this container answers to on this network (aliases, service name, container name). */
  aliases: z.array(z.string()),
  ipAddress: z.string(),
});

export const portBindingSchema = z.object({
  containerPort: z.number().int(),
  protocol: z.string(),
  /** Empty when the port is exposed but not published. */
  hostIp: z.string().optional(),
  hostPort: z.number().int().optional(),
});
export type PortBinding = z.infer<typeof portBindingSchema>;

/**
 * How a container resolves names, beyond its networks: what `docker run --dns/--dns-search/--dns-option/
 * --add-host/--network/--hostname` (compose `dns`, `dns_search`, `dns_opt`, `extra_hosts`, `network_mode`,
 * `hostname`) set. Containers on the same networks with equal settings resolve any name alike. Addresses and
 * names only, no secret.
 */
export const resolverSettingsSchema = z.object({
  /** `host`, `none`, `container:<id>`, or `networks` for (user-defined or default) bridge networks. */
  networkMode: z.string(),
  dns: z.array(z.string()),
  dnsSearch: z.array(z.string()),
  dnsOptions: z.array(z.string()),
  /** `name:address` entries added to /etc/hosts. */
  extraHosts: z.array(z.string()),
  /** Set only when it was chosen (not the engine's default, the short id): it resolves in /etc/hosts. */
  hostname: z.string().optional(),
});
export type ResolverSettings = z.infer<typeof resolverSettingsSchema>;

/** A URL a consumer is configured to call, and where that configuration came from. */
export const dependencyTargetSchema = z.object({
  /** As configured, with any credentials redacted (`postgres://admin:***@db:5432/app`). */
  url: z.string(),
  host: z.string(),
  port: z.number().int(),
  /** `env:ORCHESTRATOR_SERVICE_URL`, `depends_on`, `config:health`… */
  source: z.string(),
});
export type DependencyTarget = z.infer<typeof dependencyTargetSchema>;

/**
 * A container as Stack Doctor sees it: the inspect facts it reasons on, nothing more. It goes into reports,
 * events and logs, so it carries no secret: no raw environment, only the product's labels, and health
 * output with secrets redacted (see src/shared/redact.ts).
 */
export const containerInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  state: containerStateSchema,
  status: z.string(),
  exitCode: z.number().int(),
  restartCount: z.number().int(),
  health: healthStatusSchema,
  /** Output of the latest Docker health check, trimmed, secrets redacted, when the container has one. */
  healthLog: z.string().optional(),
  /** Compose, devcontainer and stack-doctor labels only; other labels are not kept. */
  labels: z.record(z.string(), z.string()),
  /**
   * The URLs found in the container's environment, sourced `env:NAME`, credentials redacted; variables
   * whose names look secret are skipped. No other environment value is kept.
   */
  envTargets: z.array(dependencyTargetSchema),
  networks: z.array(containerNetworkSchema),
  /** Resolver settings from inspect; absent when the engine's answer lacked HostConfig. */
  resolver: resolverSettingsSchema.optional(),
  ports: z.array(portBindingSchema),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
});
export type ContainerInfo = z.infer<typeof containerInfoSchema>;

/** The HTTP endpoint a compose `healthcheck` test asks the container itself for (`curl -f http://localhost:8080/healthz`). */
export const healthcheckHttpSchema = z.object({
  /** The port as the container sees it (the URL's, 80 when unwritten). */
  containerPort: z.number().int(),
  /** Path only, e.g. `/healthz`. */
  path: z.string(),
});
export type HealthcheckHttp = z.infer<typeof healthcheckHttpSchema>;

export const serviceRoleSchema = z.enum(['service', 'devcontainer']);

/** One service of the stack: declared in compose/devcontainer, or found by labels. */
export const stackServiceSchema = z.object({
  /** Compose service name, or the devcontainer's name. */
  name: z.string(),
  /** Compose project name; an image/Dockerfile-based devcontainer's project is `devcontainer`. */
  project: z.string(),
  role: serviceRoleSchema,
  /** Declared in a file (compose/devcontainer) vs only seen as a running container. */
  declared: z.boolean(),
  container: containerInfoSchema.nullable(),
  dependsOn: z.array(z.string()),
  targets: z.array(dependencyTargetSchema),
  /** Configured health URL to probe, if any (config `health`, or a published port + config `healthPath`). */
  healthUrl: z.string().optional(),
  /** The URL the compose `healthcheck` test names, tried on its published port when `/health` is not found there. */
  healthcheckHttp: healthcheckHttpSchema.optional(),
  /** WebSocket URL to handshake, when configured. */
  wsUrl: z.string().optional(),
});
export type StackService = z.infer<typeof stackServiceSchema>;

export const stackProjectSchema = z.object({
  name: z.string(),
  kind: z.enum(['compose', 'devcontainer']),
  files: z.array(z.string()),
  /** Networks the project's compose model declares (full engine names, `<project>_<net>`). */
  networks: z.array(z.string()),
});
export type StackProject = z.infer<typeof stackProjectSchema>;

/** The discovered stack: what diagnosis probes. */
export const stackSchema = z.object({
  workspace: z.string(),
  projects: z.array(stackProjectSchema),
  services: z.array(stackServiceSchema),
  /** Docker aliases the stack defines (service names, network aliases, container names) plus configured ones. */
  aliases: z.array(z.string()),
});
export type Stack = z.infer<typeof stackSchema>;
