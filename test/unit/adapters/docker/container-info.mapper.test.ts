import { describe, expect, it } from 'vitest';
import { dnsNamesOn, parseEnv, toContainerInfo } from '../../../../src/main/adapters/docker/container-info.mapper.ts';
import type { ContainerInspectJson, NetworkFacts } from '../../../../src/main/adapters/docker/container-info.mapper.ts';
import { containerInfoSchema } from '../../../../src/shared/model/index.ts';

const ID = 'abcdef1234567890abcdef1234567890abcdef1234567890abcdef1234567890';
const composeLabels = { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'orchestrator' };

function inspect(overrides: Partial<ContainerInspectJson> = {}): ContainerInspectJson {
  return {
    Id: ID,
    Name: '/shop-orchestrator-1',
    RestartCount: 2,
    State: {
      Status: 'running',
      ExitCode: 0,
      StartedAt: '2026-01-01T00:00:00Z',
      FinishedAt: '0001-01-01T00:00:00Z',
      Health: { Status: 'starting' },
    },
    Config: {
      Image: 'shop/orchestrator:dev',
      Env: ['A=1', 'URL=http://x:1/?a=b', 'BARE'],
      Labels: composeLabels,
      ExposedPorts: { '8006/tcp': {} },
    },
    NetworkSettings: {
      Ports: {
        '8006/tcp': [
          { HostIp: '0.0.0.0', HostPort: '8006' },
          { HostIp: '::', HostPort: '8006' },
        ],
        '9000/tcp': null,
      },
      Networks: {
        shop_default: { Aliases: ['orchestrator-service', 'abcdef123456'], IPAddress: '172.20.0.3' },
        bridge: { Aliases: null, IPAddress: '172.17.0.2' },
      },
    },
    ...overrides,
  };
}
const facts = new Map<string, NetworkFacts>([['shop_default', { labels: { 'com.docker.compose.project': 'shop' } }]]);

describe('toContainerInfo', () => {
  it('maps the inspect facts and validates against the shared schema', () => {
    const info = toContainerInfo(inspect(), 'Up 2 minutes (health: starting)', facts);
    expect(containerInfoSchema.parse(info)).toEqual(info);
    expect(info).toMatchObject({
      id: ID,
      name: 'shop-orchestrator-1',
      image: 'shop/orchestrator:dev',
      state: 'running',
      status: 'Up 2 minutes (health: starting)',
      exitCode: 0,
      restartCount: 2,
      health: 'starting',
      envTargets: [{ url: 'http://x:1/?a=b', host: 'x', port: 1, source: 'env:URL' }],
      startedAt: '2026-01-01T00:00:00Z',
    });
    expect(info.finishedAt).toBeUndefined();
    expect(info.ports).toEqual([
      { containerPort: 8006, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8006 },
      { containerPort: 9000, protocol: 'tcp' },
    ]);
    expect(info.networks).toEqual([
      {
        name: 'shop_default',
        aliases: ['orchestrator-service', 'abcdef123456', 'shop-orchestrator-1', 'orchestrator'],
        ipAddress: '172.20.0.3',
      },
      { name: 'bridge', aliases: [], ipAddress: '172.17.0.2' },
    ]);
  });

  it('maps a stopped container: exit code, no health, configured ports stand in', () => {
    const info = toContainerInfo(
      inspect({
        State: { Status: 'exited', ExitCode: 137, StartedAt: '2026-01-01T00:00:00Z', FinishedAt: '2026-01-01T00:05:00Z' },
        HostConfig: { PortBindings: { '8006/tcp': [{ HostIp: '127.0.0.1', HostPort: '18006' }] } },
        NetworkSettings: { Ports: {}, Networks: {} },
      }),
      undefined,
      new Map(),
    );
    expect(info).toMatchObject({
      state: 'exited',
      exitCode: 137,
      health: 'none',
      status: 'exited',
      finishedAt: '2026-01-01T00:05:00Z',
      networks: [],
    });
    expect(info.ports).toEqual([{ containerPort: 8006, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 18006 }]);
  });

  it('survives a sparse inspect (unknown state, no config)', () => {
    const info = toContainerInfo({ Id: ID, State: { Status: 'weird' } }, undefined, new Map());
    expect(containerInfoSchema.parse(info)).toMatchObject({ state: 'dead', name: '', envTargets: [], labels: {}, ports: [], networks: [] });
  });
});

describe('toContainerInfo keeps no secret', () => {
  const secretive = inspect({
    State: {
      Status: 'running',
      Health: {
        Status: 'unhealthy',
        Log: [{ Output: 'login failed: PGPASSWORD=hunter2 url=postgres://admin:hunter2@db/app\n', ExitCode: 1 }],
      },
    },
    Config: {
      Image: 'shop/api',
      Env: [
        'POSTGRES_PASSWORD=hunter2',
        'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI',
        'DB_URL=postgres://admin:hunter2@db:5432/app?sslmode=disable&token=tok123',
        'SENTRY_DSN=https://pubkey@sentry.example/1',
        'API_URL=http://api:8080',
        'PLAIN=some value',
      ],
      Labels: { ...composeLabels, 'traefik.http.middlewares.auth.basicauth.users': 'admin:$apr1$x', 'com.example.api-key': 'k-123' },
    },
  });
  const info = toContainerInfo(secretive, undefined, facts);

  it('keeps the URLs of the environment with credentials redacted, and drops secret-named variables whole', () => {
    expect(info.envTargets).toEqual([
      { url: 'http://api:8080', host: 'api', port: 8080, source: 'env:API_URL' },
      { url: 'postgres://admin:***@db:5432/app?sslmode=disable&token=***', host: 'db', port: 5432, source: 'env:DB_URL' },
    ]);
  });

  it('keeps only compose/devcontainer/stack-doctor labels', () => {
    expect(info.labels).toEqual(composeLabels);
  });

  it('redacts the health output', () => {
    expect(info.healthLog).toBe('login failed: PGPASSWORD=*** url=postgres://admin:***@db/app (exit code 1)');
  });

  it('has none of the planted values anywhere', () => {
    const text = JSON.stringify(info);
    for (const secret of ['hunter2', 'wJalrXUtnFEMI', 'tok123', 'pubkey', 'apr1', 'k-123', 'some value'])
      expect(text).not.toContain(secret);
  });
});

describe('dnsNamesOn', () => {
  const container = { id: ID, name: 'web-1', labels: composeLabels };
  it('answers to nothing on bridge, host and none', () => {
    for (const n of ['bridge', 'host', 'none']) expect(dnsNamesOn(n, { Aliases: ['x'] }, container, undefined)).toEqual([]);
  });
  it('adds DNSNames, the name and the short id; the service only on the project networks', () => {
    expect(dnsNamesOn('other', { Aliases: ['a'], DNSNames: ['web-1', 'b'] }, container, { labels: {} })).toEqual([
      'a',
      'web-1',
      'b',
      'abcdef123456',
    ]);
    expect(dnsNamesOn('shop_backend', { Aliases: null }, container, undefined)).toContain('orchestrator');
    expect(dnsNamesOn('ext', {}, container, { labels: { 'com.docker.compose.project': 'shop' } })).toContain('orchestrator');
  });
});

describe('parseEnv', () => {
  it('splits on the first = and lets later duplicates win', () => {
    expect(parseEnv(['A=1', 'B==2', 'A=3', '=skip', 'C'])).toEqual({ A: '3', B: '=2', C: '' });
  });
});
