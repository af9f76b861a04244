import type { PortBinding } from '../../../shared/model/index.ts';

/** Health path used when neither the config's `health` nor `healthPath` says otherwise. */
export const DEFAULT_HEALTH_PATH = '/health';

export interface HealthUrlInput {
  /** The service's port bindings (container's when it exists, else the compose model's). */
  ports: readonly PortBinding[];
  /** Container ports other services call over http(s); the first published one wins. */
  calledPorts: readonly number[];
  /** Config `services.<name>.healthPath`. */
  healthPath?: string;
}

/**
 * `http://<host ip>:<host port><path>` for a service that publishes a TCP port and is either called
 * over HTTP by another service or has a configured `healthPath`; undefined otherwise (a published
 * database port is no HTTP endpoint).
 */
export function deriveHealthUrl(input: HealthUrlInput): string | undefined {
  const published = input.ports.filter((port) => port.hostPort !== undefined && port.protocol.toLowerCase() === 'tcp');
  if (published.length === 0) return undefined;
  if (input.calledPorts.length === 0 && !input.healthPath) return undefined;
  const binding =
    input.calledPorts.map((port) => published.find((p) => p.containerPort === port)).find((p) => p !== undefined) ?? published[0];
  if (!binding) return undefined;
  return `http://${hostFor(binding.hostIp)}:${binding.hostPort}${input.healthPath ?? DEFAULT_HEALTH_PATH}`;
}

/** Wildcard binds are reached on loopback; a specific address is reached on itself. */
function hostFor(hostIp: string | undefined): string {
  if (!hostIp || hostIp === '0.0.0.0' || hostIp === '::' || hostIp === '127.0.0.1') return '127.0.0.1';
  return hostIp.includes(':') ? `[${hostIp}]` : hostIp;
}
