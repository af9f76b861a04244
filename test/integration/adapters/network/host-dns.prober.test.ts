import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostDnsProber } from '../../../../src/main/adapters/network/dns.prober.ts';
import { NetworkProbeAdapter } from '../../../../src/main/adapters/network/network-probe.adapter.ts';
import { startLocalDns, type LocalDns } from './local-dns.ts';
import { eventually } from './local-servers.ts';

/**
 * Host DNS against a real DNS server on 127.0.0.1 (UDP), scripted per name: `*.blackhole.test` never gets an
 * answer (a VPN's DNS gone, a firewall dropping port 53), `known.test` and `api.corp.test` answer, the rest
 * is NXDOMAIN.
 */
let dns: LocalDns;
beforeAll(async () => {
  const answers: Record<string, string[]> = { 'known.test': ['10.1.2.3'], 'api.corp.test': ['10.9.9.9'] };
  dns = await startLocalDns((name) =>
    name.endsWith('.blackhole.test') ? 'blackhole' : answers[name] ? { answer: answers[name] } : 'nxdomain',
  );
});
afterAll(() => dns.close());

/** Resources a lookup may leave behind: getaddrinfo requests on the threadpool, c-ares queries, timers. */
function lookupResources(): string[] {
  return process.getActiveResourcesInfo().filter((r) => /GetAddrInfo|QueryReqWrap|Timeout|UDP/i.test(r));
}

describe('HostDnsProber', () => {
  it('answers from DNS with the server’s addresses', async () => {
    const prober = new HostDnsProber({ servers: [dns.server] });
    const result = await prober.lookup('known.test', 1000);
    expect(result).toMatchObject({ kind: 'dns-host', target: 'known.test', from: 'host', ok: true, detail: { addresses: ['10.1.2.3'] } });
  });

  it('gives 50 unanswered names up at their budget and leaves nothing running: no getaddrinfo was started', async () => {
    const before = lookupResources().length;
    const prober = new HostDnsProber({ servers: [dns.server] });
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => prober.lookup(`svc${i}.blackhole.test`, 300)));
    const tookMs = performance.now() - started;
    expect(results.every((r) => !r.ok && r.error?.code === 'TIMEOUT')).toBe(true);
    // Unbounded getaddrinfo would hold the 4 threadpool threads for the resolver's 5 s x 2 tries per name.
    expect(tookMs).toBeLessThan(3000);
    expect(lookupResources().length).toBeLessThanOrEqual(before);
  });

  it('shares one lookup between callers asking for the same name at once', async () => {
    const prober = new HostDnsProber({ servers: [dns.server] });
    const asked = dns.questions.length;
    const results = await Promise.all(Array.from({ length: 20 }, () => prober.lookup('Known.Test', 1000)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(dns.questions.slice(asked).sort()).toEqual(['A known.test', 'AAAA known.test']);
  });

  it('reports a name DNS says does not exist as not found, in plain words', async () => {
    const prober = new HostDnsProber({ servers: [dns.server], resolvConf: '/nonexistent' });
    const result = await prober.lookup('nothing-here.invalid', 3000);
    expect(result).toMatchObject({ ok: false, error: { code: 'ENOTFOUND', message: 'Name or service not known (nothing-here.invalid)' } });
  });

  it('applies the resolv.conf search list as getaddrinfo would: a single label is tried with each domain first', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sd-resolv-'));
    try {
      await writeFile(join(dir, 'resolv.conf'), '# test\nnameserver 127.0.0.1\nsearch other.test corp.test\n');
      const prober = new HostDnsProber({ servers: [dns.server], resolvConf: join(dir, 'resolv.conf') });
      const asked = dns.questions.length;
      const result = await prober.lookup('api', 1000);
      expect(result).toMatchObject({ ok: true, target: 'api', detail: { addresses: ['10.9.9.9'] } });
      expect(dns.questions.slice(asked).filter((q) => q.startsWith('A '))).toEqual(['A api.other.test', 'A api.corp.test']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('resolves local names without asking DNS: localhost, IP literals and the hosts file', async () => {
    const prober = new HostDnsProber({ servers: [dns.server] });
    const asked = dns.questions.length;
    const [local, literal] = await Promise.all([prober.lookup('localhost', 1000), prober.lookup('127.0.0.1', 1000)]);
    expect(local.ok).toBe(true);
    expect(literal).toMatchObject({ ok: true, detail: { addresses: ['127.0.0.1'] } });
    expect(dns.questions.slice(asked)).toEqual([]);
  });
});

describe('NetworkProbeAdapter sockets', () => {
  it('resolve their host through the same bounded lookup: an unanswered name fails at the budget, not at getaddrinfo’s', async () => {
    const before = lookupResources().length;
    const net = new NetworkProbeAdapter({ dns: { servers: [dns.server] } });
    const asked = dns.questions.length;
    const [tcp, http, ws] = await Promise.all([
      net.tcpConnect('api.blackhole.test', 8080, 300),
      net.httpGet('http://web.blackhole.test:8080/health', 300),
      net.wsHandshake('ws://chat.blackhole.test:8080/ws', 300),
    ]);
    // EAI_AGAIN from the lookup, or the probe's own TIMEOUT when its timer fires first: both at the budget.
    for (const result of [tcp, http, ws]) {
      expect(result.ok).toBe(false);
      expect(['EAI_AGAIN', 'TIMEOUT']).toContain(result.error?.code);
      expect(result.latencyMs).toBeLessThan(1000);
    }
    expect([...new Set(dns.questions.slice(asked).filter((q) => q.startsWith('A ')))].sort()).toEqual([
      'A api.blackhole.test',
      'A chat.blackhole.test',
      'A web.blackhole.test',
    ]);
    // The lookups end with their own budget (the probe's timer may fire a moment before them).
    await eventually(() => lookupResources().length <= before, 1000);
  });

  it('connect by name to what DNS answers', async () => {
    const net = new NetworkProbeAdapter({ dns: { servers: [dns.server] } });
    const result = await net.tcpConnect('known.test', 9, 300);
    // 10.1.2.3 may or may not answer here: what matters is that the socket dialled the address DNS gave.
    if (result.ok) expect(result.detail?.['address']).toBe('10.1.2.3');
    else expect(result.error?.message ?? '').not.toMatch(/not known|name resolution/i);
  });
});
