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

/**
 * Docker aliases of the stack looked up (and connected to) from the host per run, at most. A docker alias is
 * not meant to resolve outside Docker (issue 9 §4: expected, no finding), so asking the host's resolver about
 * each of 200 aliases tells nothing a sample does not, and costs: on the build machine the resolver answers
 * about 65 queries a second and drops the rest, so 200 aliases took 1.5–2 s of a diagnosis whose other work
 * takes ~0.4 s (bench/README.md `scale`). The sample still catches the host-side cases that matter (an
 * `/etc/hosts` entry, a DNS that serves container names) for stacks of ordinary size, where it is every alias.
 */
export const HOST_ALIAS_SAMPLE = 16;

/**
 * The docker aliases (single-label names the stack defines) that this run does NOT ask about from the host:
 * every called alias past the first {@link HOST_ALIAS_SAMPLE} in name order. Empty for stacks of up to that
 * many called aliases. Host names with a dot, IP literals and hosts that are no alias are always asked.
 */
export function aliasesNotAskedFromHost(scope: Pick<CheckScope, 'services' | 'stack'>): ReadonlySet<string> {
  const aliases = new Set(scope.stack.aliases);
  const called = new Set<string>();
  for (const service of scope.services)
    for (const { host } of service.targets) if (aliases.has(host) && !host.includes('.')) called.add(host);
  if (called.size <= HOST_ALIAS_SAMPLE) return new Set();
  return new Set([...called].sort().slice(HOST_ALIAS_SAMPLE));
}
