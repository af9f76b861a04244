import { describe, expect, it } from 'vitest';
import { dnsFromContainer } from '../../../../src/main/core/checks/dns-from-container.ts';
import { EngineError, type EngineReadPort, type ExecResult } from '../../../../src/main/core/ports/index.ts';
import { probeResultSchema, reachabilitySchema } from '../../../../src/shared/model/index.ts';
import { container, networks, orchestrator } from './containers.fixture.ts';

type ExecAnswer = Partial<ExecResult> | Error;

/** An engine whose exec answers per tool (argv[0]); everything else is unused by this probe. */
function fakeEngine(answers: Record<string, ExecAnswer>): EngineReadPort & { execs: string[][] } {
  const execs: string[][] = [];
  return {
    execs,
    endpoint: { endpoint: 'unix:///fake.sock' },
    version: () => Promise.reject(new Error('unused')),
    listContainers: () => Promise.reject(new Error('unused')),
    listNetworks: () => Promise.reject(new Error('unused')),
    inspectContainer: () => Promise.reject(new Error('unused')),
    exec: async (_id, argv) => {
      execs.push(argv);
      const answer = answers[argv[0] ?? ''] ?? {
        exitCode: 126,
        stderr: `OCI runtime exec failed: exec: "${argv[0]}": executable file not found in $PATH: unknown`,
      };
      if (answer instanceof Error) throw answer;
      return { exitCode: 0, stdout: '', stderr: '', timedOut: false, ...answer };
    },
  };
}

const devcontainer = container('dev-1', { dev_default: [] });
const api = container('shop-api-1', { shop_backend: [] });
const all = [devcontainer, api, orchestrator];
const input = (consumer = devcontainer, host = 'orchestrator-service') => ({ consumer, host, containers: all, networks, timeoutMs: 500 });

const BUSYBOX_NXDOMAIN = {
  exitCode: 1,
  stdout: 'Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n',
  stderr: "** server can't find orchestrator-service: NXDOMAIN\n",
};
const BUSYBOX_OK = {
  exitCode: 0,
  stdout: 'Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\torchestrator-service\nAddress: 172.18.0.2\n',
};

describe('dnsFromContainer', () => {
  it('confirms an unresolvable name with busybox nslookup after getent is missing', async () => {
    const engine = fakeEngine({ nslookup: BUSYBOX_NXDOMAIN });
    const { probe, reachability, topology } = await dnsFromContainer(engine, input());
    expect(engine.execs.map((a) => a[0])).toEqual(['getent', 'nslookup']);
    expect(reachabilitySchema.parse(reachability)).toMatchObject({ resolves: false, answers: null, basis: 'topology+lookup' });
    expect(topology.reachableOn).toEqual(['shop_backend']);
    expect(probeResultSchema.parse(probe)).toMatchObject({
      kind: 'dns-container',
      from: 'dev-1',
      target: 'orchestrator-service',
      ok: false,
    });
    expect(probe.error?.code).toBe('ENOTFOUND');
    expect(probe.detail).toMatchObject({ tool: 'nslookup', topology });
    expect(String(probe.detail?.output)).toContain('NXDOMAIN');
  });

  it('confirms a resolvable name with getent and lists the addresses', async () => {
    const engine = fakeEngine({ getent: { exitCode: 0, stdout: '172.18.0.2      orchestrator-service\n' } });
    const { probe, reachability } = await dnsFromContainer(engine, input(api));
    expect(reachability).toMatchObject({ resolves: true, basis: 'topology+lookup' });
    expect(probe).toMatchObject({ ok: true, detail: { tool: 'getent', addresses: ['172.18.0.2'] } });
    expect(engine.execs).toEqual([['getent', 'hosts', 'orchestrator-service']]);
  });

  it('lets the lookup win a disagreement and says so', async () => {
    const engine = fakeEngine({ nslookup: BUSYBOX_OK });
    const { reachability } = await dnsFromContainer(engine, input());
    expect(reachability.resolves).toBe(true);
    expect(reachability.note).toContain('the lookup wins');
  });

  it('rests on the lookup alone when the topology cannot decide', async () => {
    const engine = fakeEngine({ getent: { exitCode: 2 } });
    const { reachability } = await dnsFromContainer(engine, input(devcontainer, 'api.example.com'));
    expect(reachability).toMatchObject({ resolves: false, basis: 'lookup' });
  });

  it('rests on the topology when the image has no lookup tool', async () => {
    const engine = fakeEngine({ nslookup: { exitCode: 127, stderr: 'sh: nslookup: not found' } });
    const { probe, reachability } = await dnsFromContainer(engine, input());
    expect(reachability).toMatchObject({ resolves: false, basis: 'topology' });
    expect(reachability.note).toContain('neither getent nor nslookup');
    expect(probe.detail).toMatchObject({ tool: null });
  });

  it('runs no lookup in a stopped consumer', async () => {
    const engine = fakeEngine({});
    const stopped = container('dev-1', { dev_default: [] }, 'exited');
    const { reachability } = await dnsFromContainer(engine, input(stopped));
    expect(engine.execs).toEqual([]);
    expect(reachability).toMatchObject({ resolves: false, basis: 'topology' });
  });

  it('falls back on the topology when the lookup times out or exec fails', async () => {
    const timedOut = await dnsFromContainer(fakeEngine({ getent: { exitCode: null, timedOut: true } }), input());
    expect(timedOut.reachability).toMatchObject({ resolves: false, basis: 'topology' });
    const gone = await dnsFromContainer(fakeEngine({ getent: new EngineError('NOT_FOUND', 'no such container') }), input());
    expect(gone.reachability).toMatchObject({ resolves: false, basis: 'topology' });
    expect(gone.reachability.note).toContain('no such container');
  });

  it('is not-checked when neither the topology nor a lookup decides', async () => {
    const hostNet = container('h', { host: [] });
    const { probe, reachability } = await dnsFromContainer(fakeEngine({ getent: { exitCode: null, timedOut: true } }), input(hostNet));
    expect(reachability).toMatchObject({ resolves: null, basis: 'not-checked' });
    expect(probe).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
  });

  it('measures latency with the injected clock', async () => {
    let t = 100;
    const engine = fakeEngine({ getent: { exitCode: 0, stdout: '172.18.0.2 orchestrator-service' } });
    const exec = engine.exec;
    engine.exec = async (...args) => {
      t += 7;
      return exec(...args);
    };
    const { probe } = await dnsFromContainer(engine, { ...input(api), now: () => t });
    expect(probe.latencyMs).toBe(7);
  });
});

describe('dnsFromContainer with names from untrusted configuration', () => {
  it.each(['-s', '--help', 'x&&id&&y', 'a b', '$(id)', 'host;rm', '.hidden', 'a..b', 'x'.repeat(64)])(
    'refuses %j without running anything in the container',
    async (host) => {
      const engine = fakeEngine({ getent: { exitCode: 0, stdout: '172.18.0.2 x' } });
      const { probe, reachability } = await dnsFromContainer(engine, input(devcontainer, host));
      expect(engine.execs).toEqual([]);
      expect(probe).toMatchObject({ ok: false, error: { code: 'INVALID_HOST' } });
      expect(reachability).toMatchObject({ resolves: false });
      expect(reachability.note).toContain('not a valid host name');
    },
  );

  it.each(['orchestrator-service', 'my_service', 'api.example.com', 'api.example.com.', '10.0.0.1', '::1'])(
    'looks %j up with the name as the last argument',
    async (host) => {
      const engine = fakeEngine({ getent: { exitCode: 0, stdout: `10.0.0.9 ${host}` } });
      await dnsFromContainer(engine, input(api, host));
      expect(engine.execs).toEqual([['getent', 'hosts', host]]);
    },
  );
});
