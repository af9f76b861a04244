import { lookup } from 'node:dns';
import { Resolver } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { hostname as osHostname } from 'node:os';
import pLimit, { type LimitFunction } from 'p-limit';
import type { ProbeResult } from '../../../shared/model/index.ts';
import { HostsFile } from './hosts-file.ts';
import { elapsed, timeoutError, toProbeError } from './probe-error.ts';

/** Options of {@link HostDnsProber}; every field has a default suited to the machine it runs on. */
export interface HostDnsOptions {
  /**
   * Most `getaddrinfo` calls at once (default 2). They run on libuv's threadpool (4 threads unless
   * UV_THREADPOOL_SIZE says otherwise) and cannot be cancelled: a flood of them starves file I/O and keeps
   * the process alive long after the report.
   */
  concurrency?: number;
  /** The hosts file consulted to tell local names from DNS names (default `/etc/hosts`). */
  hostsFile?: string;
  /** DNS servers for the cancellable resolver (default: the system's, from resolv.conf). For tests. */
  servers?: string[];
}

/** Codes with which the DNS resolver says "no answer came": retrying with getaddrinfo would only hang. */
const NO_ANSWER = new Set(['ETIMEOUT', 'ECANCELLED']);

type DnsResult = { ok: true; addresses: string[] } | { ok: false; error: unknown };

/**
 * DNS from where Stack Doctor runs, as a client on this machine would resolve (`getaddrinfo`: hosts file,
 * nsswitch, DNS with search domains), but bounded: identical names in flight share one lookup; local names
 * (IP literals, `localhost`, the hosts file, this machine's name, `.local`) go straight to getaddrinfo, at
 * most {@link HostDnsOptions.concurrency} at once; other names are first asked of DNS with the cancellable
 * c-ares resolver under the caller's budget. When DNS gives no answer in time the result is `TIMEOUT` and
 * no getaddrinfo is started (it would sit on a threadpool thread for the resolver's own 10 s or more); when
 * DNS answers, its addresses are the answer, and a negative answer is confirmed by getaddrinfo (search
 * domains, mDNS), which is then quick. detail: `{ addresses: string[] }`.
 */
export class HostDnsProber {
  private readonly limit: LimitFunction;
  private readonly hosts: HostsFile;
  private readonly inFlight = new Map<string, Promise<ProbeResult>>();

  constructor(private readonly options: HostDnsOptions = {}) {
    this.limit = pLimit(Math.max(1, options.concurrency ?? 2));
    this.hosts = new HostsFile(options.hostsFile ?? '/etc/hosts');
  }

  lookup(host: string, timeoutMs: number): Promise<ProbeResult> {
    const key = host.toLowerCase();
    const pending = this.inFlight.get(key);
    if (pending) return pending.then((result) => ({ ...result, target: host }));
    const started = this.resolve(host, timeoutMs).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  /**
   * A `dns.lookup` stand-in for the sockets of the TCP, HTTP and WebSocket probes (the `lookup` option of
   * net.connect / http.request), so their name resolution is bounded like {@link lookup} instead of
   * flooding the threadpool with getaddrinfo calls nobody waits for. A lookup that got no answer in time
   * fails with `EAI_AGAIN`, as getaddrinfo itself reports a DNS timeout.
   */
  socketLookup(timeoutMs: number): LookupFunction {
    return (hostname, options, callback) => {
      void this.lookup(hostname, timeoutMs).then((result) => {
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const addresses = (result.ok ? (result.detail?.['addresses'] as string[]) : [])
          .map((address) => ({ address, family: isIP(address) }))
          .filter((entry) => family === 0 || entry.family === family);
        if (addresses.length === 0) {
          const code = result.ok ? 'ENOTFOUND' : result.error?.code === 'TIMEOUT' ? 'EAI_AGAIN' : (result.error?.code ?? 'ENOTFOUND');
          const error = Object.assign(new Error(`${code} ${hostname}`), { code, hostname }) as NodeJS.ErrnoException;
          callback(error, options.all ? [] : '', 0);
        } else if (options.all) {
          callback(null, addresses);
        } else {
          callback(null, addresses[0]!.address, addresses[0]!.family);
        }
      });
    };
  }

  private async resolve(host: string, timeoutMs: number): Promise<ProbeResult> {
    const start = performance.now();
    const deadline = start + timeoutMs;
    const base = { kind: 'dns-host' as const, target: host, from: 'host' };
    const done = (result: DnsResult): ProbeResult =>
      result.ok
        ? { ...base, ok: true, latencyMs: elapsed(start), detail: { addresses: result.addresses } }
        : { ...base, ok: false, latencyMs: elapsed(start), error: toProbeError(result.error, host), detail: { addresses: [] } };
    const timedOut = (): ProbeResult => ({
      ...base,
      ok: false,
      latencyMs: elapsed(start),
      error: timeoutError(`Lookup of ${host}`, timeoutMs),
    });

    if (!(await this.isLocal(host))) {
      const dns = await this.askDns(host, timeoutMs);
      if (dns.ok) return done(dns);
      if (NO_ANSWER.has(codeOf(dns.error)) || performance.now() >= deadline) return timedOut();
    }
    const result = await this.getaddrinfo(host, deadline);
    return result === null ? timedOut() : done(result);
  }

  private async isLocal(host: string): Promise<boolean> {
    const name = host.toLowerCase();
    if (isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.local')) return true;
    if (name === osHostname().toLowerCase()) return true;
    return (await this.hosts.names()).has(name);
  }

  /** A and AAAA from DNS, cancelled at the budget: the resolver's sockets and timers go with it. */
  private async askDns(host: string, timeoutMs: number): Promise<DnsResult> {
    const resolver = new Resolver({ timeout: Math.max(1, timeoutMs), tries: 1 });
    if (this.options.servers) resolver.setServers(this.options.servers);
    const timer = setTimeout(() => resolver.cancel(), timeoutMs);
    try {
      const [v4, v6] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
      const addresses = [...(v4.status === 'fulfilled' ? v4.value : []), ...(v6.status === 'fulfilled' ? v6.value : [])];
      if (addresses.length > 0) return { ok: true, addresses };
      const failure = [v4, v6].find((r): r is PromiseRejectedResult => r.status === 'rejected');
      // "No answer" only when neither family got one; a definite NXDOMAIN/ENODATA on one family wins.
      const definite = [v4, v6].find((r) => r.status === 'rejected' && !NO_ANSWER.has(codeOf(r.reason))) as
        PromiseRejectedResult | undefined;
      return { ok: false, error: (definite ?? failure)?.reason };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * getaddrinfo through the bounded queue; null when the budget runs out first. A queued lookup whose budget
   * ran out is never started; a started one keeps its slot until the OS answers (its late answer is
   * ignored), so no more than `concurrency` threadpool threads are ever held by lookups.
   */
  private getaddrinfo(host: string, deadline: number): Promise<DnsResult | null> {
    const task = this.limit(() =>
      performance.now() >= deadline
        ? Promise.resolve(null)
        : new Promise<DnsResult>((resolve) => {
            lookup(host, { all: true }, (error, addresses) =>
              resolve(error ? { ok: false, error } : { ok: true, addresses: addresses.map((a) => a.address) }),
            );
          }),
    );
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), Math.max(0, deadline - performance.now()));
      void task.then((result) => {
        clearTimeout(timer);
        resolve(result);
      });
    });
  }
}

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}
