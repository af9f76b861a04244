import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../../src/main/core/diagnosis/diagnose.ts';
import type { ResolvedDiagnoseOptions } from '../../../../src/main/core/diagnosis/diagnose-options.ts';
import { DiagnoseInputError } from '../../../../src/main/core/errors.ts';
import { diagnosisSchema } from '../../../../src/shared/model/index.ts';
import { FakeEngine, FakeNet, MemoryWorkspace, deps } from './fakes.ts';
import { COMPOSE, incidentContainers, incidentNetworks } from './incident-stack.ts';

const options = (over: Partial<ResolvedDiagnoseOptions> = {}): ResolvedDiagnoseOptions => ({
  workspace: '/ws',
  projects: [],
  timeoutMs: 200,
  timeoutExplicit: false,
  orchestratorUrl: null,
  settingsOrchestratorUrl: null,
  env: {},
  ...over,
});

describe('diagnose', () => {
  it('never shows the credentials of a configured orchestrator URL: not in the decision, its attempts or the findings', async () => {
    const engine = new FakeEngine(incidentContainers(), incidentNetworks);
    const net = new FakeNet({ 'http http://localhost:8006/health': { detail: { status: 200 } } });
    const result = await diagnose(
      deps({ engine, net, workspace: new MemoryWorkspace({ '/ws/compose.yaml': COMPOSE }) }),
      options({ orchestratorUrl: 'http://admin:hunter2@orchestrator-service:8006' }),
    );

    expect(result.orchestrator.configuredUrl).toBe('http://admin:***@orchestrator-service:8006');
    expect(result.findings.length).toBeGreaterThan(0);
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('finds the devcontainer that cannot resolve the orchestrator and falls back to localhost from the host', async () => {
    const engine = new FakeEngine(incidentContainers(), incidentNetworks);
    const net = new FakeNet({ 'http http://localhost:8006/health': { detail: { status: 200 } } });
    const result = await diagnose(deps({ engine, net, workspace: new MemoryWorkspace({ '/ws/compose.yaml': COMPOSE }) }), options());

    expect(diagnosisSchema.parse(result)).toBeTruthy();
    expect(result.correlationId).toBe('run-1');
    expect(result.checkedAt).toBe('2025-01-02T03:04:05.000Z');
    expect(result.orchestrator.decision).toBe('localhost-fallback');
    const dns = result.findings.find((f) => f.id === 'DNS_UNRESOLVABLE_FROM_CONTAINER');
    expect(dns?.fix.command).toBe('docker network connect ws_backend ws-dev-1');
    expect(result.findings.map((f) => f.id)).toEqual(['DNS_UNRESOLVABLE_FROM_CONTAINER', 'ORCHESTRATOR_LOCALHOST_FALLBACK']);
    expect(result.verdict).toBe('unhealthy');

    const [project] = result.projects;
    expect(project).toMatchObject({ name: 'ws', containersUp: 2, containersTotal: 2 });
    expect(project?.targets).toEqual([
      expect.objectContaining({
        consumer: 'dev',
        host: 'orchestrator-service',
        fromContainer: expect.objectContaining({ resolves: false }),
        fromHost: expect.objectContaining({ resolves: false }),
      }),
    ]);
    const dev = result.services.find((s) => s.name === 'dev');
    expect(dev?.probes.map((p) => p.kind).sort()).toEqual(['container', 'dns-container', 'dns-host', 'tcp']);
    const orch = result.services.find((s) => s.name === 'orchestrator-service');
    expect(orch?.probes.some((p) => p.kind === 'tcp' && p.target === '127.0.0.1:8006')).toBe(true);
  });

  it('is healthy once both share a network', async () => {
    const containers = incidentContainers();
    containers[1]!.networks.push({ name: 'ws_backend', aliases: ['dev'], ipAddress: '172.30.0.3' });
    const engine = new FakeEngine(containers, incidentNetworks);
    const result = await diagnose(
      deps({ engine, net: new FakeNet(), workspace: new MemoryWorkspace({ '/ws/compose.yaml': COMPOSE }) }),
      options(),
    );
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(result.verdict).toBe('healthy');
  });

  it('runs all probes concurrently: every probe starts before the first one ends', async () => {
    const events: string[] = [];
    const net = new FakeNet({ 'http http://localhost:8006/health': { delayMs: 40, detail: { status: 200 } } }, events, 40);
    const engine = new FakeEngine(incidentContainers(), incidentNetworks);
    await diagnose(deps({ engine, net, workspace: new MemoryWorkspace({ '/ws/compose.yaml': COMPOSE }) }), options());
    const firstEnd = events.findIndex((e) => e.startsWith('end '));
    const starts = events.filter((e) => e.startsWith('start '));
    // host DNS, host TCP to the target, published port, orchestrator lookup + its two health GETs
    expect(starts.length).toBeGreaterThanOrEqual(6);
    expect(events.slice(0, firstEnd)).toEqual(starts);
  });

  it('still decides the orchestrator target when the engine is unreachable', async () => {
    const engine = new FakeEngine(incidentContainers(), incidentNetworks);
    engine.unreachable = true;
    const net = new FakeNet({ 'http http://localhost:8006/health': { ok: false, code: 'ECONNREFUSED' } });
    const result = await diagnose(deps({ engine, net, workspace: new MemoryWorkspace({ '/ws/compose.yaml': COMPOSE }) }), options());
    expect(result.engine).toMatchObject({ ok: false, endpoint: 'unix:///fake/docker.sock' });
    expect(result.orchestrator.decision).toBe('unresolvable');
    expect(result.orchestrator.attempts.length).toBeGreaterThan(0);
    const ids = result.findings.map((f) => f.id);
    expect(ids).toContain('DOCKER_UNREACHABLE');
    expect(ids).toContain('RUNTIME_TARGET_UNRESOLVABLE');
    expect(ids.some((id) => id.startsWith('CONTAINER_') || id === 'SERVICE_NOT_CREATED')).toBe(false);
    expect(result.projects[0]?.targets[0]?.fromContainer.basis).toBe('not-checked');
    expect(engine.execCalls).toEqual([]);
  });

  it('stops at an invalid stack config and reports each issue', async () => {
    const events: string[] = [];
    const workspace = new MemoryWorkspace({ '/ws/compose.yaml': COMPOSE, '/ws/stack-doctor.yaml': 'probe:\n  timeoutMs: 1\n' });
    const result = await diagnose(
      deps({ engine: new FakeEngine(incidentContainers(), incidentNetworks), net: new FakeNet({}, events), workspace }),
      options(),
    );
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ id: 'CONFIG_INVALID', subject: '/ws/stack-doctor.yaml:2' });
    expect(result.findings[0]?.summary).toContain('probe.timeoutMs');
    expect(result.verdict).toBe('unhealthy');
    expect(events).toEqual([]);
  });

  it("names the compose project it runs in: the engine's containers reach the runtime decision", async () => {
    // Stack Doctor inside the stack's `dev` container: /.dockerenv and its id in the cgroup, no compose env variable,
    // so only the engine's listing (our container's compose project label) can tell it is a compose service.
    const ownId = 'c0ffee'.repeat(10) + 'c0de';
    const containers = incidentContainers();
    containers[1]!.id = ownId;
    const engine = new FakeEngine(containers, incidentNetworks);
    const runtime = {
      read: async () => ({ dockerenvExists: true, env: {}, cgroup: `0::/docker/${ownId}\n`, mountinfo: '', hostname: ownId.slice(0, 12) }),
    };
    const result = await diagnose(
      deps({ engine, net: new FakeNet(), runtime, workspace: new MemoryWorkspace({ '/ws/compose.yaml': COMPOSE }) }),
      options(),
    );
    expect(result.runtime).toEqual({
      kind: 'compose-service',
      signals: ['/.dockerenv', 'cgroup:docker', 'label:com.docker.compose.project=ws'],
      hostname: ownId.slice(0, 12),
      containerId: ownId,
    });
  });

  it('throws DiagnoseInputError naming a missing workspace', async () => {
    const run = diagnose(
      deps({ engine: new FakeEngine([], []), net: new FakeNet(), workspace: new MemoryWorkspace({}) }),
      options({ workspace: '/nope' }),
    );
    await expect(run).rejects.toBeInstanceOf(DiagnoseInputError);
    await expect(run).rejects.toThrow('/nope');
  });

  it('reports NO_STACK_FOUND with the projects the engine runs', async () => {
    const engine = new FakeEngine(incidentContainers(), incidentNetworks);
    const result = await diagnose(
      deps({ engine, net: new FakeNet(), workspace: new MemoryWorkspace({}, ['/empty']) }),
      options({ workspace: '/empty' }),
    );
    expect(result.otherProjects).toEqual([{ name: 'ws', workingDir: '/ws', containers: 2 }]);
    const finding = result.findings.find((f) => f.id === 'NO_STACK_FOUND');
    expect(finding?.fix.description).toContain('--project ws');
    expect(result.verdict).toBe('degraded');
  });
});
