import { describe, expect, it } from 'vitest';
import { discoverStack } from '../../../../src/main/core/discovery/discover-stack.ts';
import { DiagnoseInputError } from '../../../../src/main/core/errors.ts';
import type { ContainerInfo } from '../../../../src/shared/model/index.ts';
import { composeLabels, container } from './support/containers.ts';
import { fixtureWorkspace, MemoryWorkspace } from './support/memory-workspace.ts';

const ROOT = '/ws/incident';

function incidentContainers(): ContainerInfo[] {
  const orchestrator = container({
    name: '/incident-orchestrator-service-1',
    labels: composeLabels('incident', 'orchestrator-service', ROOT, [`${ROOT}/docker-compose.yml`]),
    env: { DATABASE_URL: 'postgres://app:secret@db:5432/app', PATH: '/usr/bin' },
    networks: [{ name: 'incident_backend', aliases: ['incident-orchestrator-service-1', 'orchestrator-service'], ipAddress: '172.20.0.2' }],
    ports: [{ containerPort: 8006, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8006 }],
  });
  // Its short id shows up as a network alias, as older engines report it; it is no name of the stack.
  orchestrator.networks[0]!.aliases.push(orchestrator.id.slice(0, 12));
  const dev = container({
    name: '/incident_devcontainer-dev-1',
    labels: {
      ...composeLabels('incident_devcontainer', 'dev', `${ROOT}/.devcontainer`, [`${ROOT}/.devcontainer/docker-compose.yml`]),
      'devcontainer.local_folder': ROOT,
    },
    env: { ORCHESTRATOR_SERVICE_URL: 'http://orchestrator-service:8006' },
    networks: [{ name: 'incident_devcontainer_devnet', aliases: ['dev'], ipAddress: '172.21.0.2' }],
  });
  const stranger = container({ name: '/shop-web-1', labels: composeLabels('shop', 'web', '/home/me/shop') });
  return [orchestrator, dev, stranger];
}

describe('discoverStack on the incident workspace', () => {
  it('ties containers to declared services and derives edges, aliases and health URLs', async () => {
    const { ws } = fixtureWorkspace('incident');
    const containers = incidentContainers();
    const result = await discoverStack(ws, {
      workspace: ROOT,
      extraProjects: [],
      containers,
      orchestratorAliases: ['orchestrator-service'],
    });

    expect(result.issues).toEqual([]);
    expect(result.configFile).toBe(`${ROOT}/stack-doctor.yaml`);
    expect(result.config.probe?.timeoutMs).toBe(2000);
    expect(result.otherProjects).toEqual([]);
    expect(result.stack.projects).toEqual([
      { name: 'incident', kind: 'compose', files: [`${ROOT}/docker-compose.yml`], networks: ['incident_backend'] },
      {
        name: 'incident_devcontainer',
        kind: 'devcontainer',
        files: [`${ROOT}/.devcontainer/docker-compose.yml`, `${ROOT}/.devcontainer/devcontainer.json`],
        networks: ['incident_devcontainer_devnet'],
      },
    ]);

    const byName = Object.fromEntries(result.stack.services.map((s) => [s.name, s]));
    expect(Object.keys(byName)).toEqual(['orchestrator-service', 'db', 'dev']);
    expect(byName['orchestrator-service']).toMatchObject({
      project: 'incident',
      role: 'service',
      declared: true,
      container: { id: containers[0]!.id },
      dependsOn: ['db'],
      // The password of the container's DATABASE_URL is never kept (issue 8 §1).
      targets: [{ url: 'postgres://app:***@db:5432/app', host: 'db', port: 5432, source: 'env:DATABASE_URL' }],
    });
    // Declared but never created; its published port is no HTTP endpoint anyone calls.
    expect(byName.db).toMatchObject({ declared: true, container: null, targets: [] });
    expect(byName.db?.healthUrl).toBeUndefined();
    expect(byName.dev).toMatchObject({
      project: 'incident_devcontainer',
      role: 'devcontainer',
      container: { id: containers[1]!.id },
      targets: [
        { url: 'ws://orchestrator-service:8006/chat/ws', host: 'orchestrator-service', port: 8006, source: 'env:CHAT_WS_URL' },
        { url: 'http://orchestrator-service:8006', host: 'orchestrator-service', port: 8006, source: 'env:ORCHESTRATOR_SERVICE_URL' },
      ],
    });

    expect(result.stack.aliases).toEqual(
      expect.arrayContaining(['orchestrator-service', 'incident-orchestrator-service-1', 'db', 'postgres', 'dev', 'orchestrator']),
    );
    expect(result.stack.aliases).not.toContain(containers[0]!.id.slice(0, 12));
    expect(result.stack.aliases).not.toContain('shop-web-1');
  });

  it('works from files alone when the engine is unreachable', async () => {
    const { ws } = fixtureWorkspace('incident');
    const result = await discoverStack(ws, { workspace: ROOT, extraProjects: [], containers: null });
    expect(result.stack.services.map((s) => [s.name, s.container])).toEqual([
      ['orchestrator-service', null],
      ['db', null],
      ['dev', null],
    ]);
    const dev = result.stack.services.find((s) => s.name === 'dev')!;
    expect(dev.targets.map((t) => t.source)).toEqual(['env:CHAT_WS_URL', 'env:ORCHESTRATOR_SERVICE_URL']);
    // The compose model publishes 8006 and dev calls it over HTTP: no configured health URL all the same (the
    // published-health check asks every published port without one).
    expect(result.stack.services[0]?.healthUrl).toBeUndefined();
    expect(result.stack.aliases).toEqual(['orchestrator-service', 'db', 'postgres', 'dev', 'orchestrator']);
  });

  it('applies per-service config: health, ws, healthPath and ignore', async () => {
    const { ws } = fixtureWorkspace('incident');
    ws.files.set(
      `${ROOT}/stack-doctor.yaml`,
      [
        'services:',
        '  orchestrator-service:',
        '    health: http://localhost:8006/healthz',
        '    ws: ws://localhost:8006/chat/ws/probe/probe',
        '  db:',
        '    ignore: true',
        '',
      ].join('\n'),
    );
    const result = await discoverStack(ws, { workspace: ROOT, extraProjects: [], containers: incidentContainers() });
    expect(result.stack.services.map((s) => s.name)).toEqual(['orchestrator-service', 'dev']);
    expect(result.stack.services[0]).toMatchObject({
      healthUrl: 'http://localhost:8006/healthz',
      wsUrl: 'ws://localhost:8006/chat/ws/probe/probe',
    });
    // An ignored service still defines names the others may call.
    expect(result.stack.aliases).toContain('postgres');
  });

  it('lists containers of the stack that no file declares as undeclared services', async () => {
    const { ws } = fixtureWorkspace('incident');
    const worker = container({
      name: '/incident-worker-1',
      labels: composeLabels('incident', 'worker', ROOT),
      env: { API: 'http://orchestrator-service:8006/api' },
    });
    const result = await discoverStack(ws, { workspace: ROOT, extraProjects: [], containers: [...incidentContainers(), worker] });
    expect(result.stack.services.find((s) => s.name === 'worker')).toMatchObject({
      project: 'incident',
      declared: false,
      container: { id: worker.id },
      targets: [{ host: 'orchestrator-service', port: 8006, source: 'env:API' }],
    });
  });
});

describe('discoverStack label matching', () => {
  const empty = (root: string, files: Record<string, string> = {}, realpaths: Record<string, string> = {}) =>
    new MemoryWorkspace(files, [root], realpaths);

  it('matches by working_dir under the workspace and reads the labelled compose file', async () => {
    const ws = empty('/w', { '/w/infra/compose.yaml': 'services:\n  api: { image: x }\n  queue: { image: y }\n' });
    const api = container({ name: '/infra-api-1', labels: composeLabels('infra', 'api', '/w/infra', ['/w/infra/compose.yaml']) });
    const result = await discoverStack(ws, { workspace: '/w', extraProjects: [], containers: [api] });
    expect(result.stack.projects).toEqual([
      { name: 'infra', kind: 'compose', files: ['/w/infra/compose.yaml'], networks: ['infra_default'] },
    ]);
    expect(result.stack.services.map((s) => [s.name, s.declared, s.container?.id ?? null])).toEqual([
      ['api', true, api.id],
      ['queue', true, null],
    ]);
  });

  it('matches by config_files under the workspace, and through the resolved workspace path', async () => {
    const ws = empty('/link', {}, { '/link': '/real/w' });
    const c = container({
      name: '/p-a-1',
      labels: { ...composeLabels('p', 'a', '/elsewhere'), 'com.docker.compose.project.config_files': '/real/w/compose.yaml' },
    });
    const result = await discoverStack(ws, { workspace: '/link', extraProjects: [], containers: [c] });
    expect(result.stack.services.map((s) => [s.name, s.declared])).toEqual([['a', false]]);
  });

  it('matches by project name from --project and from config `projects`', async () => {
    const ws = empty('/w', { '/w/stack-doctor.yaml': 'projects: [billing]\n' });
    const shop = container({ name: '/shop-web-1', labels: composeLabels('shop', 'web', '/srv/shop') });
    const billing = container({ name: '/billing-api-1', labels: composeLabels('billing', 'api', '/srv/billing') });
    const other = container({ name: '/misc-x-1', labels: composeLabels('misc', 'x', '/srv/misc') });
    const result = await discoverStack(ws, { workspace: '/w', extraProjects: ['shop'], containers: [shop, billing, other] });
    expect(result.stack.services.map((s) => `${s.project}/${s.name}`)).toEqual(['billing/api', 'shop/web']);
    expect(result.stack.projects.map((p) => p.name)).toEqual(['shop', 'billing']);
  });

  it('matches an image devcontainer by devcontainer.local_folder', async () => {
    const { ws, root } = fixtureWorkspace('image-devcontainer', '/w');
    const dev = container({
      name: '/vsc-tools-abc',
      labels: { 'devcontainer.local_folder': `${root}/` },
      env: { API_URL: 'http://api:8080/v1' },
      networks: [{ name: 'backend_net', aliases: [], ipAddress: '10.0.0.3' }],
    });
    const result = await discoverStack(ws, { workspace: root, extraProjects: [], containers: [dev] });
    expect(result.stack.projects).toEqual([
      { name: 'devcontainer', kind: 'devcontainer', files: [`${root}/.devcontainer/devcontainer.json`], networks: ['backend_net'] },
    ]);
    expect(result.stack.services).toEqual([
      expect.objectContaining({
        name: 'tools',
        project: 'devcontainer',
        role: 'devcontainer',
        declared: true,
        container: dev,
        targets: [{ url: 'http://api:8080/v1', host: 'api', port: 8080, source: 'env:API_URL' }],
      }),
    ]);
    expect(result.stack.aliases).toEqual(['vsc-tools-abc']);
  });

  it('gives a devcontainer found only by its devcontainer.local_folder label a project, so its targets reach the truth matrix', async () => {
    const ws = new MemoryWorkspace({}, ['/w']);
    const dev = container({
      name: '/dev-1',
      labels: { 'devcontainer.local_folder': '/w' },
      env: { ORCHESTRATOR_SERVICE_URL: 'http://orchestrator-service:8006' },
      networks: [{ name: 'devnet', aliases: ['dev-1'], ipAddress: '10.0.1.2' }],
    });
    const result = await discoverStack(ws, { workspace: '/w', extraProjects: [], containers: [dev] });
    expect(result.stack.projects).toEqual([{ name: 'devcontainer', kind: 'devcontainer', files: [], networks: ['devnet'] }]);
    expect(result.stack.services).toEqual([
      expect.objectContaining({ name: 'dev-1', project: 'devcontainer', role: 'devcontainer', declared: false, container: dev }),
    ]);
    expect(result.otherProjects).toEqual([]);
  });

  it('adopts the engine project name when a container was started from a declared file under another name', async () => {
    const ws = empty('/w/app', { '/w/app/docker-compose.yml': 'services:\n  api:\n    image: x\n' });
    const api = container({ name: '/custom-api-1', labels: composeLabels('custom', 'api', '/w/app', ['/w/app/docker-compose.yml']) });
    const result = await discoverStack(ws, { workspace: '/w/app', extraProjects: [], containers: [api] });
    expect(result.stack.projects).toEqual([
      { name: 'custom', kind: 'compose', files: ['/w/app/docker-compose.yml'], networks: ['custom_default'] },
    ]);
    expect(result.stack.services).toMatchObject([{ name: 'api', project: 'custom', declared: true, container: { id: api.id } }]);
  });

  it('prefers the running replica of a scaled service', async () => {
    const ws = empty('/w', { '/w/compose.yaml': 'services:\n  api: { image: x }\n' });
    const stopped = container({ name: '/w-api-1', state: 'exited', labels: composeLabels('w', 'api', '/w') });
    const running = container({
      name: '/w-api-2',
      labels: { ...composeLabels('w', 'api', '/w'), 'com.docker.compose.container-number': '2' },
    });
    const result = await discoverStack(ws, { workspace: '/w', extraProjects: [], containers: [stopped, running] });
    expect(result.stack.services.map((s) => s.container?.name)).toEqual(['/w-api-2']);
  });
});

describe('discoverStack edge cases', () => {
  it('lists the engine projects when nothing matches the workspace', async () => {
    const ws = new MemoryWorkspace({}, ['/w']);
    const containers = [
      container({ name: '/shop-web-1', labels: composeLabels('shop', 'web', '/srv/shop') }),
      container({ name: '/shop-db-1', labels: composeLabels('shop', 'db', '/srv/shop') }),
      container({ name: '/lonely' }),
    ];
    const result = await discoverStack(ws, { workspace: '/w', extraProjects: [], containers });
    expect(result.stack.services).toEqual([]);
    expect(result.otherProjects).toEqual([{ name: 'shop', workingDir: '/srv/shop', containers: 2 }]);
  });

  it('rejects a workspace that is not a directory', async () => {
    await expect(discoverStack(new MemoryWorkspace(), { workspace: '/nope', extraProjects: [], containers: [] })).rejects.toBeInstanceOf(
      DiagnoseInputError,
    );
  });

  it('returns every file problem as an issue and an empty config', async () => {
    const { ws, root } = fixtureWorkspace('broken-files', '/w');
    const result = await discoverStack(ws, { workspace: root, extraProjects: [], containers: [] });
    expect(result.config).toEqual({});
    expect(result.configFile).toBe('/w/stack-doctor.json');
    expect(result.issues.map((i) => `${i.file.slice(3)}:${i.line} ${i.field}`)).toEqual([
      'stack-doctor.json:3 probe.timeoutMs',
      'stack-doctor.json:4 orchestrator.aliasses',
      'docker-compose.yml:4 ',
      '.devcontainer/devcontainer.json:3 dockerComposeFile',
    ]);
  });

  it('merges root compose files of one project and reports a missing devcontainer compose file', async () => {
    const { ws, root } = fixtureWorkspace('compose-forms', '/w');
    ws.files.set(`${root}/.devcontainer/devcontainer.json`, '{ "dockerComposeFile": "missing.yml", "service": "x" }');
    const result = await discoverStack(ws, { workspace: root, extraProjects: [], containers: [] });
    expect(result.stack.projects[0]).toMatchObject({ name: 'forms_demo', files: ['/w/compose.yaml', '/w/compose.override.yaml'] });
    expect(result.stack.services.find((s) => s.name === 'api')?.dependsOn).toEqual(['cache']);
    expect(result.stack.aliases).toEqual(expect.arrayContaining(['web', 'forms-web', 'www', 'portal', 'api', 'cache']));
    expect(result.issues).toMatchObject([{ file: '/w/.devcontainer/missing.yml', message: 'Compose file not found' }]);
  });
});

describe('discoverStack at scale', () => {
  const root = '/ws/big';

  /** Counts every property read on the objects it wraps (and on the objects read from them). */
  function readCounter(): { wrap: <T extends object>(value: T) => T; reads: () => number } {
    let reads = 0;
    const wrap = <T extends object>(value: T): T =>
      new Proxy(value, {
        get(target, key, receiver) {
          reads++;
          const inner: unknown = Reflect.get(target, key, receiver);
          return inner !== null && typeof inner === 'object' ? wrap(inner) : inner;
        },
      });
    return { wrap, reads: () => reads };
  }

  /** `n` running services of one compose project, each calling the next by alias over HTTP. */
  function bigStack(n: number, wrap: <T extends object>(value: T) => T = (value) => value): ContainerInfo[] {
    return Array.from({ length: n }, (_, i) =>
      wrap(
        container({
          name: `/big-s${i}-1`,
          labels: composeLabels('big', `s${i}`, root, [`${root}/compose.yaml`]),
          env: { NEXT_URL: `http://s${(i + 1) % n}:8080/health` },
          networks: [{ name: 'big_default', aliases: [`s${i}`], ipAddress: '10.0.0.2' }],
          ports: [{ containerPort: 8080, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 20_000 + (i % 40_000) }],
        }),
      ),
    );
  }

  const composeOf = (n: number): string =>
    `name: big\nservices:\n${Array.from({ length: n }, (_, i) => `  s${i}:\n    image: busybox\n`).join('')}`;

  it('reads each container a bounded number of times, however many services the compose file declares', async () => {
    const perContainer: number[] = [];
    for (const n of [500, 2_000]) {
      const counter = readCounter();
      const workspace = new MemoryWorkspace({ [`${root}/compose.yaml`]: composeOf(n) });
      const result = await discoverStack(workspace, { workspace: root, extraProjects: [], containers: bigStack(n, counter.wrap) });
      expect(result.stack.services.filter((s) => s.container !== null)).toHaveLength(n);
      perContainer.push(counter.reads() / n);
    }
    // Linear work reads a container about as often with 2,000 services as with 500; matching every declared
    // service against every container read each one 4x as often.
    expect(perContainer[1]! / perContainer[0]!).toBeLessThan(1.2);
  });

  it('discovers 20,000 labelled services, each called by another over HTTP, none with a configured health URL', async () => {
    const started = performance.now();
    const result = await discoverStack(new MemoryWorkspace({}, [root]), {
      workspace: root,
      extraProjects: [],
      containers: bigStack(20_000),
    });
    expect(result.stack.services).toHaveLength(20_000);
    const byName = new Map(result.stack.services.map((s) => [s.name, s]));
    expect(byName.get('s0')?.healthUrl).toBeUndefined();
    expect(byName.get('s19999')?.targets).toHaveLength(1);
    // Not asserted (shared machines): the work is proven linear by the read counts; bench/discovery times it.
    console.info(`discoverStack, 20,000 services: ${Math.round(performance.now() - started)} ms`);
  }, 60_000);
});
