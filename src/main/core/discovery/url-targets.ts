import type { DependencyTarget } from '../../../shared/model/index.ts';

/** Ports assumed when a URL names none; other schemes without a port are not targets. */
const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  http: 80,
  https: 443,
  ws: 80,
  wss: 443,
  postgres: 5432,
  postgresql: 5432,
  mysql: 3306,
  redis: 6379,
  rediss: 6379,
  amqp: 5672,
  amqps: 5671,
  mongodb: 27017,
  nats: 4222,
};

// scheme://[userinfo@]host[:port]; host is a bracketed IPv6 address or a run of name characters.
const URL_PATTERN = /\b([a-z][a-z0-9+.-]*):\/\/(?:[^\s/?#@'"]*@)?(\[[0-9a-f:.]+\]|[^\s/?#:,;'"()<>[\]{}@]+)(?::(\d{1,5}))?[^\s,;'"<>]*/gi;

/**
 * Every `scheme://host:port…` in one environment value. Hosts holding an uninterpolated `$` are
 * skipped: they name a variable, not a host.
 */
export function urlsInValue(value: string): { url: string; host: string; port: number }[] {
  const found: { url: string; host: string; port: number }[] = [];
  for (const match of value.matchAll(URL_PATTERN)) {
    const [url, schemeRaw, hostRaw, portRaw] = match;
    if (!schemeRaw || !hostRaw || hostRaw.includes('$')) continue;
    const scheme = schemeRaw.toLowerCase();
    const port = portRaw ? Number(portRaw) : DEFAULT_PORTS[scheme];
    if (port === undefined || port < 1 || port > 65_535) continue;
    const host = hostRaw.startsWith('[') ? hostRaw.slice(1, -1) : hostRaw.toLowerCase();
    found.push({ url, host, port });
  }
  return found;
}

/** Targets from an environment, sourced `env:NAME`, in variable order, without duplicates. */
export function targetsFromEnv(env: Readonly<Record<string, string>>): DependencyTarget[] {
  const seen = new Set<string>();
  const targets: DependencyTarget[] = [];
  for (const name of Object.keys(env).sort()) {
    for (const { url, host, port } of urlsInValue(env[name] ?? '')) {
      const source = `env:${name}`;
      const key = `${source} ${url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      targets.push({ url, host, port, source });
    }
  }
  return targets;
}

/** Whether a target is an HTTP(S) call (what a health URL can be derived from). */
export function isHttpTarget(target: DependencyTarget): boolean {
  return /^https?:\/\//i.test(target.url);
}
