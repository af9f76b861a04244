import { describe, expect, it } from 'vitest';
import { planRepair } from '../../../../src/main/core/repair/plan-repair.ts';
import type { ComposeCli } from '../../../../src/main/core/ports/repair-compose.port.ts';
import type { Diagnosis, RepairPlan } from '../../../../src/shared/model/index.ts';
import { connect, diagnosisOf, finding, restart, service, start } from './support/stack.fixture.ts';

const V1: ComposeCli = { kind: 'v1', argv0: ['docker-compose'], version: '1.29.2' };

function plan(diagnosis: Diagnosis, options: { compose?: ComposeCli | null; openBreakers?: string[] } = {}): RepairPlan {
  return planRepair({ diagnosis, id: 'plan-1', createdAt: '2026-01-01T00:00:00.000Z', compose: options.compose ?? null, ...options });
}

const kinds = (p: RepairPlan): string[] => p.steps.map((s) => `${s.id} ${s.kind} ${s.container?.name ?? ''}`.trim());

describe('planRepair: which findings become steps', () => {
  it('plans the incident: connect the dev container where the alias lives, then pin the target; the command and lasting change are shown', () => {
    const dev = service('dev', { labels: { 'devcontainer.local_folder': '/ws' } }, { role: 'devcontainer', project: 'devcontainer' });
    const orch = service('orchestrator-service', {
      networks: [{ name: 'shop_backend', aliases: ['orchestrator-service'], ipAddress: '1' }],
    });
    const dns = finding('DNS_UNRESOLVABLE_FROM_CONTAINER', 'dev', connect('shop_backend', 'shop-dev-1', 'orchestrator-service'), {
      fix: {
        description: 'Connect it',
        lasting: 'services:\n  dev:\n    networks: [shop_backend]',
        action: connect('shop_backend', 'shop-dev-1', 'orchestrator-service'),
      },
    });
    const pin = finding('ORCHESTRATOR_LOCALHOST_FALLBACK', 'http://orchestrator-service:8006', {
      kind: 'pin-orchestrator-target',
      params: { url: 'http://localhost:8006' },
    });
    const p = plan(diagnosisOf([dev, orch], [dns, pin]));

    expect(kinds(p)).toEqual(['s1 network-connect shop-dev-1', 's2 pin-orchestrator-target']);
    const [connectStep, pinStep] = p.steps;
    expect(connectStep).toMatchObject({
      command: 'docker network connect shop_backend shop-dev-1',
      lasting: expect.stringContaining('shop_backend') as string,
      risk: { level: 'low' },
      undo: { possible: true, command: 'docker network disconnect shop_backend shop-dev-1' },
      container: { id: 'id-dev', name: 'shop-dev-1' },
      answers: [{ id: 'DNS_UNRESOLVABLE_FROM_CONTAINER', subject: 'dev' }],
    });
    expect(connectStep?.verify).toContain('"orchestrator-service" resolves inside shop-dev-1');
    expect(pinStep).toMatchObject({ after: ['s1'], risk: { level: 'low' }, undo: { possible: true } });
    expect(pinStep?.command).toBeUndefined();
    expect(p.needsYou).toEqual([]);
    expect(p.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('starts an exited container: low risk after a clean exit, medium after a failure; a dead one needs you', () => {
    const p = plan(
      diagnosisOf(
        [
          service('job', { state: 'exited', exitCode: 0 }),
          service('api', { state: 'exited', exitCode: 3 }),
          service('old', { state: 'dead', exitCode: 137 }),
        ],
        [
          finding('CONTAINER_EXITED', 'shop/job', start('shop-job-1')),
          finding('CONTAINER_EXITED', 'shop/api', start('shop-api-1')),
          finding('CONTAINER_EXITED', 'shop/old', start('shop-old-1')),
        ],
      ),
    );
    expect(p.steps.map((s) => [s.container?.name, s.risk.level, s.command])).toEqual([
      ['shop-job-1', 'low', 'docker start shop-job-1'],
      ['shop-api-1', 'medium', 'docker start shop-api-1'],
    ]);
    expect(p.steps[1]?.undo.command).toBe('docker stop shop-api-1');
    expect(p.needsYou.map((n) => [n.finding.subject, n.why])).toEqual([['shop/old', expect.stringContaining('dead') as string]]);
  });

  it('restarts only a running container whose HEALTHCHECK fails; never a crash loop, a closed port or a container healthy by now', () => {
    const p = plan(
      diagnosisOf(
        [
          service('sick', { health: 'unhealthy' }),
          service('fine', { health: 'healthy' }),
          service('loop', { state: 'restarting', restartCount: 7 }),
          service('deaf', {}),
        ],
        [
          finding('CONTAINER_UNHEALTHY', 'shop/sick', restart('shop-sick-1')),
          finding('CONTAINER_UNHEALTHY', 'shop/fine', restart('shop-fine-1')),
          finding('CONTAINER_RESTARTING', 'shop/loop', restart('shop-loop-1')),
          finding('PORT_CLOSED', 'shop/deaf', restart('shop-deaf-1')),
        ],
      ),
    );
    expect(kinds(p)).toEqual(['s1 restart-container shop-sick-1']);
    expect(p.steps[0]).toMatchObject({ risk: { level: 'medium' }, undo: { possible: false }, command: 'docker restart shop-sick-1' });
    const why = Object.fromEntries(p.needsYou.map((n) => [n.finding.subject, n.why]));
    expect(why['shop/fine']).toContain('not restarted');
    expect(why['shop/loop']).toContain('keeps crashing');
    expect(why['shop/deaf']).toContain('does not change its code');
    // The fix text and the command of what the user should do travel with each item.
    expect(p.needsYou.find((n) => n.finding.subject === 'shop/loop')).toMatchObject({
      fix: 'fix shop/loop',
      command: 'docker restart shop-loop-1',
    });
  });

  it('lists manual actions and findings without an action as "needs you", with their fix text', () => {
    const p = plan(
      diagnosisOf(
        [service('api', {})],
        [
          finding('CONFIG_INVALID', '/ws/compose.yaml:3', {
            kind: 'edit-config',
            params: { file: '/ws/compose.yaml', line: 3, column: 1, field: 'services' },
          }),
          finding('PORT_NOT_PUBLISHED', 'shop/api', {
            kind: 'publish-port',
            params: { project: 'shop', service: 'api', container: 'shop-api-1', containerPort: 8006 },
          }),
          finding('DOCKER_UNREACHABLE', 'unix:///var/run/docker.sock', {
            kind: 'start-engine',
            params: { endpoint: 'unix:///var/run/docker.sock' },
          }),
          finding('HEALTH_DEGRADED', 'shop/api'),
          finding('RUNTIME_TARGET_UNRESOLVABLE', 'http://orchestrator-service:8006', undefined, { severity: 'info' }),
        ],
      ),
    );
    expect(p.steps).toEqual([]);
    // The info finding is a note ("nothing here uses an orchestrator"), not something that needs the user.
    expect(p.needsYou.map((n) => n.finding.id)).toEqual(['CONFIG_INVALID', 'PORT_NOT_PUBLISHED', 'DOCKER_UNREACHABLE', 'HEALTH_DEGRADED']);
    expect(p.needsYou.map((n) => n.why)).toEqual([
      expect.stringContaining('never edits your files'),
      expect.stringContaining('compose file'),
      expect.stringContaining('engine is not running'),
      expect.stringContaining('degraded'),
    ]);
    expect(p.needsYou.every((n) => n.fix.startsWith('fix '))).toBe(true);
  });

  it('never acts outside the stack: a container or a network the diagnosis does not list is "needs you"', () => {
    const p = plan(
      diagnosisOf(
        [service('dev', {})],
        [
          finding('CONTAINER_EXITED', 'other/x', start('other-x-1')),
          finding('DNS_UNRESOLVABLE_FROM_CONTAINER', 'dev', connect('someone_elses_net', 'shop-dev-1', 'db')),
        ],
      ),
    );
    expect(p.steps).toEqual([]);
    expect(p.needsYou.map((n) => n.why)).toEqual([
      expect.stringContaining('not a container of this workspace'),
      expect.stringContaining('not one of this stack'),
    ]);
  });

  it('creates a never-created service with the compose CLI there is, its files filled in; without one it says what to run', () => {
    const d = diagnosisOf(
      [service('api', null)],
      [finding('SERVICE_NOT_CREATED', 'shop/api', { kind: 'create-service', params: { project: 'shop', service: 'api' } })],
    );
    const withCli = plan(d, { compose: V1 });
    expect(withCli.composeCli).toBe('docker-compose');
    expect(withCli.steps[0]).toMatchObject({
      kind: 'create-service',
      command: 'docker-compose -p shop -f /ws/compose.yaml up -d api',
      action: { kind: 'create-service', params: { project: 'shop', service: 'api', composeFiles: ['/ws/compose.yaml'] } },
      risk: { level: 'medium' },
      undo: { possible: true, command: 'docker-compose -p shop -f /ws/compose.yaml rm -s -f api' },
    });
    const without = plan(d, { compose: null });
    expect(without.steps).toEqual([]);
    expect(without.needsYou[0]).toMatchObject({
      why: expect.stringContaining('No compose CLI') as string,
      command: 'docker compose -p shop -f /ws/compose.yaml up -d api',
    });
  });

  it('pins the target only for a run on the host: inside a container localhost is the container itself', () => {
    const pin = finding('ORCHESTRATOR_LOCALHOST_FALLBACK', 'x', {
      kind: 'pin-orchestrator-target',
      params: { url: 'http://localhost:8006' },
    });
    const inside = plan(diagnosisOf([], [pin], { runtime: { kind: 'devcontainer', signals: [], hostname: 'c' } }));
    expect(inside.steps).toEqual([]);
    expect(inside.needsYou[0]?.why).toContain('localhost is the container itself');
  });

  it('gives one step to findings that ask for the same change', () => {
    const p = plan(
      diagnosisOf(
        [service('orchestrator-service', { state: 'exited', exitCode: 1 })],
        [
          finding('CONTAINER_EXITED', 'shop/orchestrator-service', start('shop-orchestrator-service-1')),
          finding('RUNTIME_TARGET_UNRESOLVABLE', 'http://orchestrator-service:8006', start('shop-orchestrator-service-1')),
        ],
      ),
    );
    expect(p.steps).toHaveLength(1);
    expect(p.steps[0]?.answers.map((a) => a.id)).toEqual(['CONTAINER_EXITED', 'RUNTIME_TARGET_UNRESOLVABLE']);
  });
});
