import type { DependencyTarget } from '../../../shared/model/index.ts';
import { isSecretName, redactUrl } from '../../../shared/redact.ts';

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

/**
 * Targets from an environment, sourced `env:NAME`, in variable order, without duplicates. The URL is kept
 * with its credentials redacted; variables whose names look secret (`DB_PASSWORD`, `SENTRY_TOKEN`) are
 * skipped whole: what they hold is never kept, even a URL.
 */
export function targetsFromEnv(env: Readonly<Record<string, string>>): DependencyTarget[] {
  const seen = new Set<string>();
  const targets: DependencyTarget[] = [];
  for (const name of Object.keys(env).sort()) {
    if (isSecretName(name)) continue;
    for (const { url, host, port } of urlsInValue(env[name] ?? '')) {
      const source = `env:${name}`;
      const shown = redactUrl(url);
      const key = `${source} ${shown}`;
      if (seen.has(key)) continue;
      seen.add(key);
      targets.push({ url: shown, host, port, source });
    }
  }
  return targets;
}

/**
 * `base` targets (from one environment) overlaid with the variables of `overrides`: a variable set in
 * `overrides` replaces whatever `base` had from the same variable, as a later `env` assignment would.
 * The result stays in variable order.
 */
export function overlayEnvTargets(base: readonly DependencyTarget[], overrides: Readonly<Record<string, string>>): DependencyTarget[] {
  const replaced = new Set(Object.keys(overrides).map((name) => `env:${name}`));
  const merged = [...base.filter((target) => !replaced.has(target.source)), ...targetsFromEnv(overrides)];
  // Stable sort by variable name keeps each variable's URLs in the order they appear in its value.
  return merged.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}
