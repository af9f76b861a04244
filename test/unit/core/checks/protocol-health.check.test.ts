import { describe, expect, it } from 'vitest';
import type { WireOutcome, WireRequest } from '../../../../src/main/core/ports/wire-exchange.port.ts';
import { protocolBindings, protocolOfImage } from '../../../../src/main/core/checks/protocol-services.ts';
import { diagnose } from '../../../../src/main/core/diagnosis/diagnose.ts';
import type { ResolvedDiagnoseOptions } from '../../../../src/main/core/diagnosis/diagnose-options.ts';
import { diagnosisSchema, type ContainerInfo, type Diagnosis } from '../../../../src/shared/model/index.ts';
import { FakeEngine, FakeNet, MemoryWorkspace, deps } from '../diagnosis/fakes.ts';
import { container } from '../findings/builders.ts';
import { FakeWire, type FakePeer } from '../protocols/fake-wire.ts';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A FakeNet that can exchange raw bytes: each host port answers as its scripted peer (default: refused). */
class WireNet extends FakeNet {
  readonly wire: FakeWire;

  constructor(peers: Record<number, FakePeer>, script: ConstructorParameters<typeof FakeNet>[0] = {}) {
    super(script);
    this.wire = new FakeWire((request) => peers[request.port] ?? { refuse: true });
  }

  exchange(request: WireRequest): Promise<WireOutcome> {
    return this.wire.exchange(request);
  }
}

function member(name: string, image: string, ports: ContainerInfo['ports']): ContainerInfo {
  return container({
    id: `c-${name}`,
    name: `ws-${name}-1`,
    image,
    labels: {
      'com.docker.compose.project': 'ws',
      'com.docker.compose.service': name,
      'com.docker.compose.project.working_dir': '/ws',
      'com.docker.compose.project.config_files': '/ws/compose.yaml',
    },
    networks: [{ name: 'ws_default', aliases: [name], ipAddress: '172.30.0.2' }],
    ports,
  });
}

const tcp = (containerPort: number, hostPort: number) => ({ containerPort, protocol: 'tcp', hostIp: '0.0.0.0', hostPort });
const cache = member('cache', 'redis:7-alpine', [tcp(6379, 16379)]);
const db = member('db', 'docker.io/library/postgres:16', [tcp(5432, 15432)]);
// A MariaDB on a port no one would guess: recognised by its image, as it publishes one port.
const sql = member('sql', 'mariadb:11', [tcp(3307, 13307)]);
// RabbitMQ: AMQP on 5672; its management UI on 15672 is HTTP's, not asked here.
const mq = member('mq', 'rabbitmq:3-management', [tcp(5672, 15672), tcp(15672, 25672)]);

const compose = `services:\n${['cache', 'db', 'sql', 'mq'].map((n) => `  ${n}:\n    image: x\n`).join('')}`;

const options: ResolvedDiagnoseOptions = {
  workspace: '/ws',
  projects: [],
  timeoutMs: 200,
  timeoutExplicit: false,
  orchestratorUrl: null,
  settingsOrchestratorUrl: null,
  env: {},
};

async function run(net: FakeNet, containers: ContainerInfo[] = [cache, db, sql, mq]): Promise<Diagnosis> {
  const engine = new FakeEngine(containers, [{ id: 'n1', name: 'ws_default', driver: 'bridge', hasDns: true, labels: {} }]);
  return diagnosisSchema.parse(
    await diagnose(deps({ engine, net, workspace: new MemoryWorkspace({ '/ws/compose.yaml': compose }) }), options),
  );
}

/** A MySQL HandshakeV10 greeting for version 11.4.2-MariaDB. */
function mysqlGreeting(): Uint8Array {
  const version = ascii('11.4.2-MariaDB\0');
  const body = [
    10,
    ...version,
    1,
    0,
    0,
    0,
    ...ascii('abcdefgh'),
    0,
    0xff,
    0xf7,
    8,
    2,
    0,
    0xff,
    0x81,
    21,
    ...new Array(10).fill(0),
    ...ascii('ijklmnopqrst\0'),
    ...ascii('mysql_native_password\0'),
  ];
  return Uint8Array.of(body.length & 0xff, (body.length >> 8) & 0xff, 0, 0, ...body);
}

const healthy: Record<number, FakePeer> = {
  16379: { bytes: ascii('+PONG\r\n'), then: 'silent' },
  15432: { bytes: ascii('N'), then: 'silent' },
  13307: { bytes: mysqlGreeting(), then: 'silent' },
  15672: { bytes: ascii('AMQP\0\0\x09\x01'), then: 'close' },
};

const protocolProbes = (d: Diagnosis) =>
  d.services.flatMap((s) =>
    s.probes.filter((p) => ['redis', 'postgres', 'mysql', 'amqp'].includes(p.kind)).map((p) => [s.name, p.kind, p.target, p.ok]),
  );

describe('protocol-health: infrastructure asked in its own protocol', () => {
  it('recognises services by well-known container port, else by image for their only published port', () => {
    expect(protocolOfImage('registry.example.com:5000/team/valkey:8@sha256:abc')).toBe('redis');
    expect(protocolOfImage('postgis/postgis:16-3.4')).toBe('postgres');
    expect(protocolOfImage('nginx:1.27')).toBeUndefined();
    expect(protocolBindings(cache).map((b) => b.protocol)).toEqual(['redis']);
    expect(protocolBindings(mq).map((b) => [b.binding.containerPort, b.protocol])).toEqual([[5672, 'amqp']]);
    expect(protocolBindings(member('web', 'nginx', [tcp(80, 8080)]))).toEqual([]);
    expect(protocolBindings({ ...cache, state: 'exited' })).toEqual([]);
  });

  it('healthy Redis, PostgreSQL, MariaDB and RabbitMQ: no finding, each probe shown under its service', async () => {
    const net = new WireNet(healthy);
    const d = await run(net);
    expect(d.findings.filter((f) => f.id === 'PROTOCOL_UNANSWERED')).toEqual([]);
    expect(protocolProbes(d)).toEqual([
      ['cache', 'redis', '127.0.0.1:16379', true],
      ['db', 'postgres', '127.0.0.1:15432', true],
      ['sql', 'mysql', '127.0.0.1:13307', true],
      ['mq', 'amqp', '127.0.0.1:15672', true],
    ]);
    const sent = Object.fromEntries(net.wire.requests.map((r) => [r.port, new TextDecoder('latin1').decode(r.send ?? new Uint8Array())]));
    expect(sent[16379]).toBe('*1\r\n$4\r\nPING\r\n');
    expect(sent[13307]).toBe(''); // MySQL greets first: nothing is sent
    expect(net.wire.requests.map((r) => r.port)).not.toContain(25672);
  });

  it('accepts TCP but does not answer its protocol → PROTOCOL_UNANSWERED (error), one per silent or foreign port', async () => {
    const net = new WireNet({
      ...healthy,
      16379: { then: 'silent' }, // a paused Redis: the kernel accepts, nobody answers
      15432: { bytes: ascii('HTTP/1.1 400 Bad Request\r\n'), then: 'close' }, // something else listens there
    });
    const d = await run(net);
    const found = d.findings.filter((f) => f.id === 'PROTOCOL_UNANSWERED');
    expect(found.map((f) => [f.subject, f.severity])).toEqual([
      ['ws/cache', 'error'],
      ['ws/db', 'error'],
    ]);
    expect(found[0]).toMatchObject({
      summary: '127.0.0.1:16379 (ws-cache-1, container port 6379) accepts connections but does not answer as Redis',
      fix: { look: { kind: 'show-logs' }, action: { kind: 'restart-container', params: { container: 'ws-cache-1' } } },
    });
    expect(found[0]!.cause).toMatch(/^TIMEOUT: /);
    expect(found[1]!.cause).toMatch(/^PROTOCOL_MISMATCH: 127.0.0.1:15432 did not answer as PostgreSQL: "H"/);
    expect(d.verdict).toBe('unhealthy');
  });

  it('a refused port is PORT_CLOSED only; an alive server that refuses (LOADING) is no PROTOCOL_UNANSWERED', async () => {
    const net = new WireNet(
      {
        ...healthy,
        15432: { refuse: true },
        16379: { bytes: ascii('-LOADING Redis is loading the dataset in memory\r\n'), then: 'silent' },
      },
      { 'tcp 127.0.0.1:15432': { ok: false, code: 'ECONNREFUSED' } },
    );
    const d = await run(net);
    expect(d.findings.filter((f) => f.id === 'PROTOCOL_UNANSWERED')).toEqual([]);
    expect(d.findings.map((f) => f.id)).toContain('PORT_CLOSED');
    expect(d.services.find((s) => s.name === 'cache')!.probes.find((p) => p.kind === 'redis')).toMatchObject({
      ok: false,
      error: { code: 'REDIS_LOADING' },
    });
  });

  it('a network port that cannot exchange raw bytes asks nothing', async () => {
    const d = await run(new FakeNet());
    expect(protocolProbes(d)).toEqual([]);
    expect(d.findings.filter((f) => f.id === 'PROTOCOL_UNANSWERED')).toEqual([]);
  });
});
