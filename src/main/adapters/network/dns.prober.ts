import { lookup, type LookupAddress } from 'node:dns';
import { Resolver } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { hostname as osHostname } from 'node:os';
import pLimit, { type LimitFunction } from 'p-limit';
import type { ProbeResult } from '../../../shared/model/index.ts';
import { elapsed, timeoutError, toProbeError } from './probe-error.ts';
import { candidateNames, HostsFile, ResolvConf } from './resolver-files.ts';

/** Options of {@link HostDnsProber}; every field has a default suited to the machine it runs on. */
export interface HostDnsOptions {
  /**
   * Most names asked of DNS at once (default 8): resolvers drop bursts (a hundred queries at once lose some
   * here), and a dropped query costs a retry.
   */
  dnsConcurrency?: number;
  /**
   * Most `getaddrinfo` calls at once, for local names only (default 2). They run on libuv's threadpool (4
   * threads unless UV_THREADPOOL_SIZE says otherwise) and cannot be cancelled.
   */
  concurrency?: number;
  /** The hosts file that tells local names from DNS names (default `/etc/hosts`). */
  hostsFile?: string;
  /** Where the search list and `ndots` are read (default `/etc/resolv.conf`). */
  resolvConf?: string;
  /** DNS servers for the resolver (default: the system's, from resolv.conf). For tests. */
  servers?: string[];
  /**
   * Ask DNS with the c-ares resolver (default: on Linux only). Elsewhere the OS resolver knows more than
   * resolv.conf says (macOS scoped resolvers for VPN domains, Windows' per-interface DNS), so every name
   * goes to getaddrinfo, still bounded by {@link concurrency} and the budget.
   */
  resolverForDns?: boolean;
  /** The getaddrinfo call (default `dns.lookup`). For tests. */
  lookup?: (
    host: string,
    options: { all: true },
    callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
  ) => void;
  /** Builds the resolver of one DNS query (default a `node:dns/promises` Resolver). For tests. */
  createResolver?: (options: { timeout: number; tries: number }) => DnsResolver;
}

/** The part of a `node:dns/promises` Resolver a query uses. */
interface DnsResolver {
  resolve4(name: string): Promise<string[]>;
  resolve6(name: string): Promise<string[]>;
  setServers(servers: string[]): void;
  cancel(): void;
}

/** Codes with which the DNS resolver says "no answer came". */
/**
 * Less budget than this left and a queued name is given up, not asked: a timer fires up to a millisecond before
 * its deadline, so names queued behind cancelled ones would otherwise each be sent with a budget no answer fits in.
 */
const MIN_QUERY_MS = 5;

const NO_ANSWER = new Set(['ETIMEOUT', 'ECANCELLED']);

type DnsResult = { ok: true; addresses: string[] } | { ok: false; error: unknown };

/**
 * DNS from where Stack Doctor runs, as a client on this machine would resolve, but bounded and cancellable.
 * Identical names in flight share one lookup. Local names (IP literals, `localhost`, the hosts file, this
 * machine's name, `.local`) go to getaddrinfo, at most {@link HostDnsOptions.concurrency} at once. On Linux, other
 * names are asked of the system's DNS servers with the c-ares resolver, the resolv.conf search list applied
 * as getaddrinfo would, at most {@link HostDnsOptions.dnsConcurrency} names at once, and cancelled at the
 * caller's budget: nothing of a lookup outlives its budget (getaddrinfo, which cannot be cancelled, held
 * the threadpool for 5–10 s per unanswered name and kept the process alive minutes after the report).
 * No answer in time is `TIMEOUT`. detail: `{ addresses: string[] }`.
 */
export class HostDnsProber {
  private readonly threadpool: LimitFunction;
  private readonly dns: LimitFunction;
  private readonly hosts: HostsFile;
  private readonly resolvConf: ResolvConf;
  private readonly inFlight = new Map<string, Promise<ProbeResult>>();

  constructor(private readonly options: HostDnsOptions = {}) {
    this.threadpool = pLimit(Math.max(1, options.concurrency ?? 2));
    this.dns = pLimit(Math.max(1, options.dnsConcurrency ?? 8));
    this.hosts = new HostsFile(options.hostsFile ?? '/etc/hosts');
    this.resolvConf = new ResolvConf(options.resolvConf ?? '/etc/resolv.conf');
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
   * net.connect / http.request), so their name resolution is bounded like {@link lookup}. A lookup that got
   * no answer in time fails with `EAI_AGAIN`, as getaddrinfo itself reports a DNS timeout.
   */
  socketLookup(timeoutMs: number): LookupFunction {
    return (hostname, options, callback) => {
      void this.lookup(hostname, timeoutMs).then((result) => {
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const addresses = (result.ok ? (result.detail?.['addresses'] as string[]) : [])
          .map((address) => ({ address, family: isIP(address) }))
          .filter((entry) => family === 0 || entry.family === family);
        const first = addresses[0];
        if (!first) {
          const code = result.ok ? 'ENOTFOUND' : result.error?.code === 'TIMEOUT' ? 'EAI_AGAIN' : (result.error?.code ?? 'ENOTFOUND');
          const error = Object.assign(new Error(`${code} ${hostname}`), { code, hostname }) as NodeJS.ErrnoException;
          callback(error, options.all ? [] : '', 0);
        } else if (options.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      });
    };
  }

  private async resolve(host: string, timeoutMs: number): Promise<ProbeResult> {
    const start = performance.now();
    const deadline = start + timeoutMs;
    const base = { kind: 'dns-host' as const, target: host, from: 'host' };
    const viaDns = (this.options.resolverForDns ?? process.platform === 'linux') && !(await this.isLocal(host));
    const result = viaDns ? await this.askDns(host, deadline) : await this.getaddrinfo(host, deadline);
    if (result === null) return { ...base, ok: false, latencyMs: elapsed(start), error: timeoutError(`Lookup of ${host}`, timeoutMs) };
    return result.ok
      ? { ...base, ok: true, latencyMs: elapsed(start), detail: { addresses: result.addresses } }
      : { ...base, ok: false, latencyMs: elapsed(start), error: toProbeError(result.error, host), detail: { addresses: [] } };
  }

  private async isLocal(host: string): Promise<boolean> {
    const name = host.toLowerCase();
    if (isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.local')) return true;
    if (name === osHostname().toLowerCase()) return true;
    return (await this.hosts.names()).has(name);
  }

  /**
   * The candidate names (search list applied) in turn, A and AAAA each, until one has addresses; null when
   * the budget runs out first. A name still queued when its budget ran out (or all but MIN_QUERY_MS of it) is
   * never sent.
   */
  private askDns(host: string, deadline: number): Promise<DnsResult | null> {
    return this.dns(async () => {
      let last: DnsResult = { ok: false, error: Object.assign(new Error(host), { code: 'ENOTFOUND' }) };
      for (const name of candidateNames(host.toLowerCase(), await this.resolvConf.searchConfig())) {
        const left = deadline - performance.now();
        if (left < MIN_QUERY_MS) return null;
        const answer = await this.query(name, left);
        if (answer === null) return null;
        if (answer.ok) return answer;
        last = answer;
      }
      return last;
    });
  }

  /** A and AAAA of one name from DNS, cancelled after `budgetMs` (the resolver's sockets and timers go with it). */
  private async query(name: string, budgetMs: number): Promise<DnsResult | null> {
    // Two tries within the budget (c-ares doubles the timeout for the retry): a dropped query is asked again.
    const options = { timeout: Math.max(1, Math.floor(budgetMs / 3)), tries: 2 };
    const resolver = this.options.createResolver?.(options) ?? new Resolver(options);
    if (this.options.servers) resolver.setServers(this.options.servers);
    const timer = setTimeout(() => resolver.cancel(), budgetMs);
    try {
      const answers = await Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)]);
      const addresses = answers.flatMap((a) => (a.status === 'fulfilled' ? a.value : []));
      if (addresses.length > 0) return { ok: true, addresses };
      const reasons = answers.map((a) => (a as PromiseRejectedResult).reason as unknown);
      // A definite answer (NXDOMAIN, no such record, refused) on either family beats a lost one.
      const definite = reasons.find((reason) => !NO_ANSWER.has(codeOf(reason)));
      return definite === undefined ? null : { ok: false, error: definite };
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
    const task = this.threadpool(() =>
      performance.now() >= deadline
        ? Promise.resolve(null)
        : new Promise<DnsResult>((resolve) => {
            (this.options.lookup ?? lookup)(host, { all: true }, (error, addresses) =>
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
