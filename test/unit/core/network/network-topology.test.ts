import { describe, expect, it } from 'vitest';
import { resolveByTopology } from '../../../../src/main/core/network/network-topology.ts';
import { container, network, networks, orchestrator } from '../checks/containers.fixture.ts';

describe('resolveByTopology', () => {
  it('resolves a name served on a shared user-defined network, saying via what', () => {
    const consumer = container('shop-api-1', { shop_backend: ['api'] });
    const verdict = resolveByTopology(consumer, 'orchestrator-service', [consumer, orchestrator], networks);
    expect(verdict).toMatchObject({
      resolves: true,
      via: { container: 'shop-orchestrator-service-1', network: 'shop_backend' },
      reachableOn: ['shop_backend'],
    });
  });

  it('does not resolve from another network and names the network to join', () => {
    const devcontainer = container('dev-1', { dev_default: ['dev'] });
    const verdict = resolveByTopology(devcontainer, 'orchestrator-service', [devcontainer, orchestrator], networks);
    expect(verdict).toMatchObject({ resolves: false, reachableOn: ['shop_backend'] });
    expect(verdict.via).toBeUndefined();
    expect(verdict.note).toBe('orchestrator-service answers on shop_backend, but dev-1 is on dev_default');
  });

  it('knows the default bridge has no DNS, even when both are on it', () => {
    const consumer = container('legacy-1', { bridge: [] });
    const provider = container('orchestrator-service', { bridge: [] });
    const verdict = resolveByTopology(consumer, 'orchestrator-service', [consumer, provider], networks);
    expect(verdict).toMatchObject({ resolves: false, reachableOn: [] });
    expect(verdict.note).toContain('no embedded DNS');
  });

  it('matches container names and is case-insensitive', () => {
    const consumer = container('a', { shop_backend: [] });
    const provider = container('Redis-Main', { shop_backend: [] });
    expect(resolveByTopology(consumer, 'redis-main', [consumer, provider], networks).resolves).toBe(true);
  });

  it('ignores a stopped provider and says so', () => {
    const consumer = container('shop-api-1', { shop_backend: [] });
    const stopped = container('shop-orchestrator-service-1', { shop_backend: ['orchestrator-service'] }, 'exited');
    const verdict = resolveByTopology(consumer, 'orchestrator-service', [consumer, stopped], networks);
    expect(verdict).toMatchObject({ resolves: false, reachableOn: [] });
    expect(verdict.note).toContain('is exited');
  });

  it('answers true for localhost and IP literals', () => {
    const consumer = container('c', { dev_default: [] });
    for (const host of ['localhost', '127.0.0.1', '[::1]', '10.1.2.3']) {
      expect(resolveByTopology(consumer, host, [consumer], networks).resolves).toBe(true);
    }
  });

  it('defers to the host resolver for a host-network consumer', () => {
    for (const consumer of [container('h', { host: [] }), container('n', {})]) {
      expect(resolveByTopology(consumer, 'orchestrator-service', [consumer, orchestrator], networks).resolves).toBeNull();
    }
  });

  it('defers to external DNS for a dotted name no container answers to, but decides known dotted aliases', () => {
    const consumer = container('c', { dev_default: [] });
    expect(resolveByTopology(consumer, 'api.example.com', [consumer, orchestrator], networks).resolves).toBeNull();
    expect(resolveByTopology(consumer, 'orch.internal', [consumer, orchestrator], networks)).toMatchObject({
      resolves: false,
      reachableOn: ['shop_backend'],
    });
  });

  it('says false for a single-label name nobody answers to', () => {
    const consumer = container('c', { dev_default: [] });
    const verdict = resolveByTopology(consumer, 'ghost', [consumer, orchestrator], networks);
    expect(verdict).toMatchObject({ resolves: false, reachableOn: [] });
    expect(verdict.note).toContain('no running container answers to ghost');
  });

  it('treats a network the engine did not list as DNS-serving unless it is a built-in one', () => {
    const consumer = container('c', { other_net: [] });
    const provider = container('p', { other_net: ['svc'] });
    expect(resolveByTopology(consumer, 'svc', [consumer, provider], [network('bridge', false)]).resolves).toBe(true);
  });
});
