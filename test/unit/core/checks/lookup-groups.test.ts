import { describe, expect, it } from 'vitest';
import { planLookups, resolverGroupKey, type LookupRequest } from '../../../../src/main/core/checks/lookup-groups.ts';
import type { ContainerInfo, ResolverSettings } from '../../../../src/shared/model/index.ts';
import { container } from './containers.fixture.ts';

const plain: ResolverSettings = { networkMode: 'networks', dns: [], dnsSearch: [], dnsOptions: [], extraHosts: [] };

function member(name: string, nets: string[], resolver: Partial<ResolverSettings> = {}): ContainerInfo {
  return { ...container(name, Object.fromEntries(nets.map((n) => [n, [name]]))), resolver: { ...plain, ...resolver } };
}

function request(consumer: ContainerInfo, host: string): LookupRequest {
  const target = { url: `http://${host}:80/`, host, port: 80, source: 'env:URL' };
  return {
    service: { name: consumer.name, project: 'p', role: 'service', declared: true, container: consumer, dependsOn: [], targets: [target] },
    container: consumer,
    target,
  };
}

describe('resolverGroupKey', () => {
  it('is equal for the same networks (in any order) and resolver settings', () => {
    expect(resolverGroupKey(member('a', ['n1', 'n2']))).toBe(resolverGroupKey(member('b', ['n2', 'n1'])));
  });

  it.each([
    ['another network', member('b', ['n1', 'n3'])],
    ['dns servers', member('b', ['n1', 'n2'], { dns: ['10.0.0.2'] })],
    ['extra_hosts', member('b', ['n1', 'n2'], { extraHosts: ['db:10.0.0.9'] })],
    ['dns_search', member('b', ['n1', 'n2'], { dnsSearch: ['corp.example'] })],
    ['network_mode', member('b', ['n1', 'n2'], { networkMode: 'host' })],
  ])('differs for %s', (_, other) => {
    expect(resolverGroupKey(other)).not.toBe(resolverGroupKey(member('a', ['n1', 'n2'])));
  });

  it('puts a container whose resolver settings are unknown in a group of its own', () => {
    const unknown = container('u', { n1: [] });
    expect(resolverGroupKey(unknown)).not.toBe(resolverGroupKey({ ...container('v', { n1: [] }) }));
  });
});

describe('planLookups', () => {
  it('asks the names of consumers that resolve alike once, in one batch run in one of them', () => {
    const consumers = Array.from({ length: 20 }, (_, i) => member(`c${String(i).padStart(2, '0')}`, ['net']));
    const requests = consumers.map((c, i) => request(c, `c${String(i + 1).padStart(2, '0')}`));
    const batches = planLookups(requests);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.names).toHaveLength(20);
    expect(batches[0]?.requests).toHaveLength(20);
    expect(batches[0]?.runners.map((r) => r.name)).toEqual(['c00', 'c01', 'c02']);
  });

  it('keeps groups with different networks or resolver settings apart', () => {
    const a = member('a', ['net']);
    const b = member('b', ['net'], { extraHosts: ['db:10.0.0.9'] });
    const c = member('c', ['other']);
    const batches = planLookups([request(a, 'db'), request(b, 'db'), request(c, 'db')]);
    expect(batches.map((batch) => batch.runners.map((r) => r.name))).toEqual([['a'], ['b'], ['c']]);
    expect(batches.every((batch) => batch.names.length === 1 && batch.requests.length === 1)).toBe(true);
  });

  it('splits a group with many names into batches of batchSize, each request in the batch of its name', () => {
    const consumers = Array.from({ length: 10 }, (_, i) => member(`c${i}`, ['net']));
    const requests = consumers.map((c, i) => request(c, `name${i}`));
    const batches = planLookups(requests, { batchSize: 4 });
    expect(batches.map((b) => b.names.length)).toEqual([4, 4, 2]);
    for (const batch of batches) expect(batch.requests.every((r) => batch.names.includes(r.target.host))).toBe(true);
    expect(batches.flatMap((b) => b.requests)).toHaveLength(10);
  });

  it('widens batches (up to 64 names) so they fit in the execs run at once, and keeps them even', () => {
    const names = (count: number): LookupRequest[] => {
      const consumer = member('c', ['net']);
      return Array.from({ length: count }, (_, i) => request(consumer, `name${i}`));
    };
    // 200 names, 4 execs at once: one round of 4 instead of 7 batches of at most 32 in two rounds.
    expect(planLookups(names(200), { parallel: 4 }).map((b) => b.names.length)).toEqual([50, 50, 50, 50]);
    // Fits at the default size already: 4 even batches rather than 32, 32, 32 and 4.
    expect(planLookups(names(100), { parallel: 4 }).map((b) => b.names.length)).toEqual([25, 25, 25, 25]);
    // Past 4 × 64 names, batches stop growing at 64: more rounds, none longer.
    const large = planLookups(names(400), { parallel: 4 }).map((b) => b.names.length);
    expect(large).toEqual([58, 58, 58, 58, 58, 58, 52]);
    // Without `parallel`, the batch size is kept.
    expect(planLookups(names(200)).map((b) => b.names.length)).toEqual([29, 29, 29, 29, 29, 29, 26]);
  });

  it('never looks up literals or localhost, but still answers their requests', () => {
    const a = member('a', ['net']);
    const batches = planLookups([request(a, '10.0.0.1'), request(a, 'localhost'), request(a, 'db')]);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.names).toEqual(['db']);
    expect(batches[0]?.requests).toHaveLength(3);
  });

  it('asks a name a consumer chose as its own hostname in that consumer alone (only its /etc/hosts has it)', () => {
    const self = member('self', ['net'], { hostname: 'myhost' });
    const peer = member('peer', ['net']);
    const batches = planLookups([request(self, 'myhost'), request(peer, 'myhost'), request(self, 'db')]);
    const own = batches.find((b) => b.group.includes('#hostname-of:'));
    expect(own?.runners.map((r) => r.name)).toEqual(['self']);
    expect(own?.requests.map((r) => r.container.name)).toEqual(['self']);
  });
});
