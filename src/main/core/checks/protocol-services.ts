import type { ContainerInfo, PortBinding, StackService } from '../../../shared/model/index.ts';
import type { ServiceProtocol } from '../protocols/service-protocol.exchange.ts';

/** A published TCP binding and the protocol expected on it. */
export interface ProtocolBinding {
  binding: PortBinding & { hostPort: number };
  protocol: ServiceProtocol;
}

/** The container port each protocol listens on by default (the images' `EXPOSE`). */
const WELL_KNOWN_PORTS: ReadonlyMap<number, ServiceProtocol> = new Map([
  [6379, 'redis'],
  [5432, 'postgres'],
  [3306, 'mysql'],
  [5672, 'amqp'],
]);

/** Image names (last path segment, tag dropped) of each protocol's servers and their common forks and builds. */
const IMAGE_PATTERNS: readonly (readonly [RegExp, ServiceProtocol])[] = [
  [/^(redis|valkey|keydb|redis-stack-server|dragonfly|dragonflydb)$/, 'redis'],
  [/^(postgres|postgresql|postgis|timescaledb(-ha)?|pgvector|supabase-postgres)$/, 'postgres'],
  [/^(mysql|mariadb|percona|percona-server|mysql-server)$/, 'mysql'],
  [/^rabbitmq$/, 'amqp'],
];

/** The protocol an image's name says it speaks: `docker.io/library/redis:7-alpine` → `redis`. */
export function protocolOfImage(image: string): ServiceProtocol | undefined {
  const withoutDigest = image.split('@')[0] ?? image;
  const last = withoutDigest.split('/').pop() ?? withoutDigest;
  const name = (last.split(':')[0] ?? last).toLowerCase();
  return IMAGE_PATTERNS.find(([pattern]) => pattern.test(name))?.[1];
}

/** The protocol a container port is known for, whatever the image. */
export function protocolOfPort(containerPort: number): ServiceProtocol | undefined {
  return WELL_KNOWN_PORTS.get(containerPort);
}

/**
 * The published TCP bindings of a running container that speak an infrastructure protocol: a well-known
 * container port (6379, 5432, 3306, 5672) names it; otherwise an image known to speak one (redis, postgres,
 * mariadb, rabbitmq…) names it for its only published TCP port. Ports of a known image that are neither
 * (RabbitMQ's management UI on 15672 beside 5672) are left to the HTTP checks.
 */
export function protocolBindings(container: ContainerInfo): ProtocolBinding[] {
  if (container.state !== 'running') return [];
  const published = container.ports.filter(
    (b): b is ProtocolBinding['binding'] => b.hostPort !== undefined && b.protocol.toLowerCase() === 'tcp',
  );
  const byImage = protocolOfImage(container.image);
  return published.flatMap((binding) => {
    const protocol = protocolOfPort(binding.containerPort) ?? (published.length === 1 ? byImage : undefined);
    return protocol ? [{ binding, protocol }] : [];
  });
}

/** Every protocol binding of the stack's running services. */
export function protocolSubjects(services: readonly StackService[]): (ProtocolBinding & { service: StackService })[] {
  return services.flatMap((service) => (service.container ? protocolBindings(service.container).map((b) => ({ ...b, service })) : []));
}

/** Published on every interface (or unspecified): connect over loopback. */
export function loopbackFor(hostIp: string | undefined): string {
  return !hostIp || hostIp === '0.0.0.0' || hostIp === '::' ? '127.0.0.1' : hostIp;
}
