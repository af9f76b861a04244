import { DEFAULT_FALLBACK_URL, type OrchestratorTarget, type ProbeResult, type TargetAttempt } from '../../../shared/model/index.ts';
import type { NetworkProbePort } from '../ports/index.ts';
import { isIpLiteral, isLocalhost, isSingleLabel, normalizeHost } from '../network/host-name.ts';
import { displayUrl, fallbackFor, healthUrlOf, parseUrl } from './target-urls.ts';

/** Default health path appended to a target URL to decide whether it answers. */
export const DEFAULT_HEALTH_PATH = '/health';

export interface TargetInput {
  /** The URL the orchestrator client is configured with, e.g. `http://orchestrator-service:8006`. */
  configuredUrl: string;
  /** Where it came from (see pickConfiguredUrl): `default`, `settings`, `config`, `env:…`, `option`. */
  configuredFrom: string;
  /** Tried when the configured host is a docker alias that does not resolve here. Default `http://localhost:8006`. */
  fallbackUrl: string;
  /** Docker names the stack defines plus configured ones; any single-label name counts as an alias too. */
  aliases: string[];
  /** Appended to the target's path to ask whether it answers. Default `/health`. */
  healthPath: string;
  /** Budget of each probe (lookup, each GET), in ms. Default 1500 (settings `probeTimeoutMs`). */
  timeoutMs: number;
  /** Sent with each health GET, e.g. `{ 'X-Correlation-ID': runId }`. */
  headers?: Record<string, string>;
}

/** The documented defaults of {@link TargetInput}, for callers that lack a value. */
export const TARGET_INPUT_DEFAULTS = {
  fallbackUrl: DEFAULT_FALLBACK_URL,
  healthPath: DEFAULT_HEALTH_PATH,
  timeoutMs: 1500,
} as const;

/** Any HTTP status, even 404/500, proves that something listens and speaks HTTP there. */
function answered(result: ProbeResult): boolean {
  const status = result.detail?.status;
  return typeof status === 'number' && status > 0;
}

function answerNote(result: ProbeResult): string {
  return `${String(result.detail?.status)} in ${Math.round(result.latencyMs)} ms`;
}

function failNote(result: ProbeResult): string {
  return result.error?.code ?? 'no answer';
}

/**
 * Decides where the orchestrator really lives, from where Stack Doctor runs:
 * - `as-configured`: the configured host resolves here (or is an IP literal/localhost) and its health URL
 *   answers with any HTTP status;
 * - `localhost-fallback`: the host is a docker alias that does not resolve here and the fallback answers;
 *   `resolvedUrl` is the fallback origin with the configured path;
 * - `unresolvable` otherwise (`resolvedUrl: null`). A non-alias name that does not resolve fails fast.
 *
 * IP literals and localhost get no `dns` attempt: there is nothing to resolve. The lookup, the configured
 * health GET and (for aliases) the fallback GET run concurrently so the decision costs one probe timeout,
 * not three; `attempts` lists only the ones the decision rests on, in logical order.
 */
export async function resolveOrchestratorTarget(net: NetworkProbePort, input: TargetInput): Promise<OrchestratorTarget> {
  const configured = parseUrl(input.configuredUrl);
  const base = { configuredUrl: input.configuredUrl, configuredFrom: input.configuredFrom };
  if (!configured) {
    return {
      ...base,
      resolvedUrl: null,
      decision: 'unresolvable',
      reason: `"${input.configuredUrl}" (from ${input.configuredFrom}) is not a valid http(s) URL`,
      hostIsAlias: false,
      attempts: [],
    };
  }
  const host = normalizeHost(configured.hostname);
  const aliases = new Set(input.aliases.map(normalizeHost));
  const hostIsAlias = aliases.has(host) || isSingleLabel(host);
  const needsLookup = !isIpLiteral(host) && !isLocalhost(host);
  const fallback = hostIsAlias && needsLookup ? parseUrl(input.fallbackUrl) : null;
  const fallbackTarget = fallback ? fallbackFor(configured, fallback) : null;

  const healthUrl = healthUrlOf(configured, input.healthPath);
  const fallbackHealthUrl = fallbackTarget ? healthUrlOf(fallbackTarget, input.healthPath) : null;
  const [dns, health, fallbackHealth] = await Promise.all([
    needsLookup ? net.lookup(host, input.timeoutMs) : null,
    net.httpGet(healthUrl, input.timeoutMs, input.headers),
    fallbackHealthUrl ? net.httpGet(fallbackHealthUrl, input.timeoutMs, input.headers) : null,
  ]);

  const attempts: TargetAttempt[] = [];
  if (dns) attempts.push({ url: input.configuredUrl, step: 'dns', result: dns });
  const done = (decision: OrchestratorTarget['decision'], resolvedUrl: string | null, reason: string): OrchestratorTarget => ({
    ...base,
    resolvedUrl,
    decision,
    reason,
    hostIsAlias,
    attempts,
  });

  if (!dns || dns.ok) {
    attempts.push({ url: input.configuredUrl, step: 'health', result: health });
    const where = dns ? `${host} resolves (${addressesOf(dns)})` : `${host} needs no lookup`;
    if (answered(health)) {
      return done('as-configured', input.configuredUrl, `${where} and ${healthUrl} answers (${answerNote(health)})`);
    }
    return done('unresolvable', null, `${where} but ${healthUrl} does not answer (${failNote(health)})`);
  }

  const dnsCode = failNote(dns);
  if (!hostIsAlias) {
    return done(
      'unresolvable',
      null,
      `${host} does not resolve from here (${dnsCode}) and is not a docker alias, so no fallback was tried`,
    );
  }
  if (!fallbackTarget || !fallbackHealth) {
    return done(
      'unresolvable',
      null,
      `${host} is a docker alias that does not resolve from here (${dnsCode}); the fallback "${input.fallbackUrl}" is not a valid http(s) URL`,
    );
  }
  const fallbackShown = displayUrl(fallbackTarget);
  attempts.push({ url: fallbackShown, step: 'health', result: fallbackHealth });
  const aliasNote = `${host} is a docker alias that does not resolve from here (${dnsCode})`;
  if (answered(fallbackHealth)) {
    return done('localhost-fallback', fallbackShown, `${aliasNote}; ${fallbackShown} answers (${answerNote(fallbackHealth)})`);
  }
  return done('unresolvable', null, `${aliasNote}; ${fallbackShown} does not answer either (${failNote(fallbackHealth)})`);
}

function addressesOf(dns: ProbeResult): string {
  const addresses = dns.detail?.addresses;
  return Array.isArray(addresses) && addresses.length > 0 ? addresses.join(', ') : 'no address listed';
}
