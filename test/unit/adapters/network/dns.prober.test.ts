import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HostDnsProber, type HostDnsOptions } from '../../../../src/main/adapters/network/dns.prober.ts';
import type { ProbeResult } from '../../../../src/shared/model/index.ts';

// Empty hosts file and resolv.conf: every name is a DNS name, asked as is, whatever this machine's files say.
const dir = mkdtempSync(join(tmpdir(), 'sd-dns-'));
const files = { hostsFile: join(dir, 'hosts'), resolvConf: join(dir, 'resolv.conf') };
writeFileSync(files.hostsFile, '');
writeFileSync(files.resolvConf, '');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NAMES = Array.from({ length: 50 }, (_, i) => `svc-${i}.example.test`);
const addressOf = (name: string): string => `10.0.0.${Number(/\d+/.exec(name)?.[0]) + 1}`;
const after = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts the names being looked up at this moment, and the most at once. */
class InFlight {
  started = 0;
  max = 0;
  private readonly now = new Map<string, number>();

  enter(name: string): void {
    this.started += 1;
    this.now.set(name, (this.now.get(name) ?? 0) + 1);
    this.max = Math.max(this.max, this.now.size);
  }

  leave(name: string): void {
    const left = (this.now.get(name) ?? 1) - 1;
    if (left === 0) this.now.delete(name);
    else this.now.set(name, left);
  }
}

/** getaddrinfo that answers each name's address after `delayMs`, or never when `delayMs` is null. */
function fakeGetaddrinfo(flight: InFlight, delayMs: number | null): NonNullable<HostDnsOptions['lookup']> {
  return (host, _options, callback) => {
    flight.enter(host);
    if (delayMs === null) return;
    void after(delayMs).then(() => {
      flight.leave(host);
      callback(null, [{ address: addressOf(host), family: 4 }]);
    });
  };
}

/** A DNS resolver per query whose A and AAAA answer after `delayMs`, or only fail (ECANCELLED) once cancelled. */
function fakeResolvers(
  flight: InFlight,
  delayMs: number | null,
): { create: NonNullable<HostDnsOptions['createResolver']>; cancelled: () => number } {
  let cancelled = 0;
  const create: NonNullable<HostDnsOptions['createResolver']> = () => {
    let cancel = (): void => undefined;
    const gone = new Promise<never>((_, reject) => {
      cancel = () => {
        cancelled += 1;
        reject(Object.assign(new Error('cancelled'), { code: 'ECANCELLED' }));
      };
    });
    gone.catch(() => undefined);
    const ask = async (name: string, family: 4 | 6): Promise<string[]> => {
      flight.enter(name);
      try {
        if (delayMs === null) return await gone;
        await Promise.race([after(delayMs), gone]);
        return family === 4 ? [addressOf(name)] : [];
      } finally {
        flight.leave(name);
      }
    };
    return { resolve4: (name) => ask(name, 4), resolve6: (name) => ask(name, 6), setServers: () => undefined, cancel: () => cancel() };
  };
  return { create, cancelled: () => cancelled };
}

async function lookupAll(prober: HostDnsProber, budgetMs: number): Promise<{ results: ProbeResult[]; elapsedMs: number }> {
  const started = performance.now();
  const results = await Promise.all(NAMES.map((name) => prober.lookup(name, budgetMs)));
  return { results, elapsedMs: performance.now() - started };
}

const answered = (results: ProbeResult[]): void => {
  expect(results.map((r) => [r.target, r.ok, r.detail?.['addresses']])).toEqual(NAMES.map((name) => [name, true, [addressOf(name)]]));
};

const givenUp = (results: ProbeResult[]): void => {
  expect(results.map((r) => [r.target, r.ok, r.error?.code])).toEqual(NAMES.map((name) => [name, false, 'TIMEOUT']));
};

describe('HostDnsProber bounds the lookups in flight', () => {
  it('runs at most 2 getaddrinfo calls at once for 50 names, and answers all 50', async () => {
    const flight = new InFlight();
    const prober = new HostDnsProber({ ...files, resolverForDns: false, lookup: fakeGetaddrinfo(flight, 5) });
    const { results } = await lookupAll(prober, 10_000);
    answered(results);
    expect(flight.max).toBe(2);
    expect(flight.started).toBe(50);
  });

  it('gives 50 unanswered getaddrinfo names up at their budget, starting no more than the 2 that hold the slots', async () => {
    const flight = new InFlight();
    const prober = new HostDnsProber({ ...files, resolverForDns: false, lookup: fakeGetaddrinfo(flight, null) });
    const { results, elapsedMs } = await lookupAll(prober, 200);
    givenUp(results);
    expect(flight.max).toBe(2);
    expect(flight.started).toBe(2);
    expect(elapsedMs).toBeGreaterThanOrEqual(190);
    expect(elapsedMs).toBeLessThan(5_000);
  });

  it('asks DNS for at most 8 names at once for 50 names, and answers all 50', async () => {
    const flight = new InFlight();
    const resolvers = fakeResolvers(flight, 5);
    const prober = new HostDnsProber({ ...files, resolverForDns: true, createResolver: resolvers.create });
    const { results } = await lookupAll(prober, 10_000);
    answered(results);
    expect(flight.max).toBe(8);
    // A and AAAA of every name.
    expect(flight.started).toBe(100);
  });

  it('gives 50 unanswered DNS names up at their budget: 8 asked and cancelled, the queued 42 never sent', async () => {
    const flight = new InFlight();
    const resolvers = fakeResolvers(flight, null);
    const prober = new HostDnsProber({ ...files, resolverForDns: true, createResolver: resolvers.create });
    const { results, elapsedMs } = await lookupAll(prober, 200);
    givenUp(results);
    expect(flight.max).toBe(8);
    expect(flight.started).toBe(16);
    expect(resolvers.cancelled()).toBe(8);
    expect(elapsedMs).toBeGreaterThanOrEqual(190);
    expect(elapsedMs).toBeLessThan(5_000);
  });
});
