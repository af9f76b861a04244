import type { HealthcheckHttp, PortBinding } from '../../../shared/model/index.ts';
import type { ComposeHealthcheck } from './compose-model.ts';

export interface HealthUrlInput {
  /** The service's port bindings (container's when it exists, else the compose model's). */
  ports: readonly PortBinding[];
  /** Config `services.<name>.healthPath`. */
  healthPath?: string;
}

/**
 * `http://<host ip>:<host port><healthPath>` for a service with a configured `healthPath` and a published TCP
 * port (the first); undefined otherwise. Unconfigured published ports are probed by the published-health check,
 * which tells an HTTP server from a database first.
 */
export function deriveHealthUrl(input: HealthUrlInput): string | undefined {
  if (!input.healthPath) return undefined;
  const binding = input.ports.find((port) => port.hostPort !== undefined && port.protocol.toLowerCase() === 'tcp');
  if (!binding) return undefined;
  return `http://${hostFor(binding.hostIp)}:${binding.hostPort}${input.healthPath}`;
}

/** Wildcard binds are reached on loopback; a specific address is reached on itself. */
function hostFor(hostIp: string | undefined): string {
  if (!hostIp || hostIp === '0.0.0.0' || hostIp === '::' || hostIp === '127.0.0.1') return '127.0.0.1';
  return hostIp.includes(':') ? `[${hostIp}]` : hostIp;
}

/** Names a process inside the container uses for itself. */
const SELF_HOSTS = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]', '::1']);

/**
 * The HTTP endpoint a compose `healthcheck` test asks the container itself for — `curl -f
 * http://localhost:8080/healthz`, `wget -q -O- http://127.0.0.1:8080/healthz`, as an argv or a shell string —
 * as container port and path; undefined when the test names no such URL (or is disabled). Only the port and the
 * path are kept: credentials or a query written in the test never leave discovery. A URL with an unresolved
 * `${VAR}` is skipped.
 */
export function healthcheckHttp(healthcheck: ComposeHealthcheck | undefined): HealthcheckHttp | undefined {
  if (!healthcheck?.test || healthcheck.disable) return undefined;
  const text = Array.isArray(healthcheck.test) ? healthcheck.test.join(' ') : healthcheck.test;
  for (const [written] of text.matchAll(/\bhttp:\/\/[^\s'"`|;&<>()]+/gi)) {
    if (written.includes('$')) continue;
    let url: URL;
    try {
      url = new URL(written);
    } catch {
      continue;
    }
    if (!SELF_HOSTS.has(url.hostname)) continue;
    return { containerPort: Number(url.port || 80), path: url.pathname };
  }
  return undefined;
}
