import type { CheckScope } from './check.ts';

/** `host:port`, the key of a TCP target. */
export function hostPortKey(host: string, port: number): string {
  return `${host}:${port}`;
}

/** Every configured `host:port` target of the stack once, with the longest budget of the services calling it. */
export function uniqueTargets(scope: CheckScope): { host: string; port: number; timeoutMs: number }[] {
  const targets = new Map<string, { host: string; port: number; timeoutMs: number }>();
  for (const service of scope.services) {
    for (const { host, port } of service.targets) {
      const key = hostPortKey(host, port);
      const timeoutMs = Math.max(targets.get(key)?.timeoutMs ?? 0, scope.timeoutOf(service));
      targets.set(key, { host, port, timeoutMs });
    }
  }
  return [...targets.values()];
}

/** Every configured target host of the stack once, with the longest budget of the services calling it. */
export function uniqueHosts(scope: CheckScope): { host: string; timeoutMs: number }[] {
  const hosts = new Map<string, number>();
  for (const { host, timeoutMs } of uniqueTargets(scope)) hosts.set(host, Math.max(hosts.get(host) ?? 0, timeoutMs));
  return [...hosts].map(([host, timeoutMs]) => ({ host, timeoutMs }));
}
