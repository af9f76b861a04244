import { describe, expect, it } from 'vitest';
import type { ContainerDnsFact } from '../../../../src/main/core/checks/check-facts.ts';
import { containerDnsFindings, hostDnsFindings } from '../../../../src/main/core/findings/dns.rules.ts';
import { container, failed, probe, service, target } from './builders.ts';

const orchestrator = service({
  name: 'orchestrator-service',
  project: 'backend',
  container: container({
    name: 'backend-orchestrator-service-1',
    networks: [{ name: 'backend_net', aliases: ['orchestrator-service'], ipAddress: '172.20.0.2' }],
  }),
});
const devContainer = container({ name: 'dev-ws', networks: [{ name: 'dev_default', aliases: [], ipAddress: '172.21.0.2' }] });
const dev = service({
  name: 'dev-ws',
  project: 'dev-ws',
  role: 'devcontainer',
  container: devContainer,
  targets: [target('http://orchestrator-service:8006', 'env:ORCHESTRATOR_SERVICE_URL')],
});

function check(over: Partial<ContainerDnsFact> = {}): ContainerDnsFact {
  return {
    service: dev,
    container: devContainer,
    target: dev.targets[0]!,
    probe: failed('dns-container', 'orchestrator-service', 'ENOTFOUND'),
    reachability: { resolves: false, answers: null, basis: 'topology+lookup', note: 'no shared network' },
    topology: { resolves: false, reachableOn: ['backend_net'], note: 'no shared network' },
    ...over,
  };
}

describe('containerDnsFindings', () => {
  it('names the network to connect, with the command, action and the lasting compose change', () => {
    const [f, ...rest] = containerDnsFindings([check(), check()], [orchestrator, dev]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: 'DNS_UNRESOLVABLE_FROM_CONTAINER', severity: 'error', subject: 'dev-ws' });
    expect(f?.fix.command).toBe('docker network connect backend_net dev-ws');
    expect(f?.fix.action).toEqual({
      kind: 'network-connect',
      params: { network: 'backend_net', container: 'dev-ws', alias: 'orchestrator-service' },
    });
    expect(f?.fix.lasting).toContain('external: true');
    expect(f?.fix.lasting).toContain('backend_net');
    expect(f?.fix.lasting).toContain('--network=backend_net');
  });

  it('is silent when the name resolves or the answer is unknown', () => {
    const resolves = check({ reachability: { resolves: true, answers: null, basis: 'topology', note: 'shares backend_net' } });
    const unknown = check({ reachability: { resolves: null, answers: null, basis: 'not-checked', note: '?' } });
    expect(containerDnsFindings([resolves, unknown], [orchestrator, dev])).toEqual([]);
  });

  it('leaves an exited provider to CONTAINER_EXITED', () => {
    const stopped = { ...orchestrator, container: { ...orchestrator.container!, state: 'exited' as const, exitCode: 1 } };
    expect(containerDnsFindings([check()], [stopped, dev])).toEqual([]);
  });

  it('says the name has no provider when no network has it', () => {
    const [f] = containerDnsFindings([check({ topology: { resolves: false, reachableOn: [], note: 'nobody' } })], [dev]);
    expect(f?.fix.action).toBeUndefined();
    expect(f?.cause).toContain('No container');
  });
});

describe('hostDnsFindings', () => {
  it('ignores docker aliases, which are expected not to resolve from the host', () => {
    const hostDns = new Map([['orchestrator-service', failed('dns-host', 'orchestrator-service', 'ENOTFOUND')]]);
    expect(hostDnsFindings({ services: [orchestrator, dev], hostDns, aliases: ['orchestrator-service'] })).toEqual([]);
  });

  it('reports a real host name that does not resolve from here', () => {
    const api = service({ name: 'api', targets: [target('https://payments.internal.example:443')] });
    const hostDns = new Map([
      ['payments.internal.example', failed('dns-host', 'payments.internal.example', 'ENOTFOUND')],
      ['localhost', probe({ kind: 'dns-host', target: 'localhost' })],
    ]);
    const [f, ...rest] = hostDnsFindings({ services: [api], hostDns, aliases: [] });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: 'DNS_UNRESOLVABLE_FROM_HOST', severity: 'warning', subject: 'payments.internal.example' });
    expect(f?.cause).toContain('shop/api');
    expect(f?.fix.look).toEqual({ kind: 'resolve-host', params: { host: 'payments.internal.example' } });
    expect(f?.fix.command).toBe('getent hosts payments.internal.example');
  });

  it('never turns a host name with shell metacharacters or a leading dash into a command', () => {
    for (const host of ['x&&id&&y', '-s', 'a`id`b']) {
      const [f] = hostDnsFindings({ services: [], hostDns: new Map([[host, failed('dns-host', host, 'ENOTFOUND')]]), aliases: [] });
      expect(f?.fix.description).toContain(`${JSON.stringify(host)} is not valid`);
      expect(f?.fix.command).toBeUndefined();
      expect(f?.fix.look).toBeUndefined();
    }
  });
});

describe('containerDnsFindings with names Docker would refuse', () => {
  it('offers no network connect for an invalid consumer or network name', () => {
    const hostileNet = check({ topology: { resolves: false, reachableOn: ['net;id'], note: 'x' } });
    const [f] = containerDnsFindings([hostileNet], [orchestrator, dev]);
    expect(f?.fix.description).toContain('"net;id" is not valid');
    expect(f?.fix.command).toBeUndefined();
    expect(f?.fix.action).toBeUndefined();
    expect(f?.fix.lasting).toBeUndefined();
  });
});
