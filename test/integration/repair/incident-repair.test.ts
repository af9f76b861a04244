import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupInContainer } from '../../../src/main/core/checks/container-lookup.ts';
import { repairReportSchema } from '../../../src/shared/model/index.ts';
import { tempWorkspace, type TempWorkspace } from '../check/run-check.ts';
import { createIncident } from './support/incident.ts';
import { createDockerFixture, type CreatedContainer, type CreatedNetwork } from '../support/docker-fixture.ts';
import { HOST_RUNTIME, repairHarness, type RepairHarness } from './support/repair-harness.ts';

/**
 * The typical incident, repaired on the real engine: the orchestrator answers on network `backend` under the alias
 * `orchestrator-service` (8006 published on 127.0.0.1); the dev container is on `devnet` only and is configured with
 * `ORCHESTRATOR_SERVICE_URL=http://orchestrator-service:8006`. The app runs on the host.
 */
const fixture = createDockerFixture();
let ws: TempWorkspace;
let backend: CreatedNetwork;
let dev: CreatedContainer;
let fallbackUrl: string;
let h: RepairHarness;

beforeAll(async () => {
  ws = await tempWorkspace('sd-repair-incident-');
  const incident = await createIncident(fixture, ws.dir);
  ({ backend, dev } = incident);
  const { orchestrator } = incident;
  fallbackUrl = `http://localhost:${orchestrator.hostPort}`;
  await ws.write('stack-doctor.yaml', `orchestrator:\n  fallbackUrl: ${fallbackUrl}\n`);
  h = await repairHarness({ runtime: HOST_RUNTIME });
});
afterAll(() => h?.dispose());

describe('repair: the dev container on another network than the orchestrator', () => {
  it('previews a connect (with the lasting compose change) and a pin; executing them makes the alias resolve inside the dev container', async () => {
    const plan = await h.service.preview(ws.dir);
    expect(
      plan.steps.map((s) => s.kind),
      JSON.stringify(plan.needsYou),
    ).toEqual(['network-connect', 'pin-orchestrator-target']);
    const [connect, pin] = plan.steps;
    expect(connect?.command).toBe(`docker network connect ${backend.name} ${dev.name}`);
    expect(connect?.lasting).toContain('external: true');
    expect(connect?.undo.command).toBe(`docker network disconnect ${backend.name} ${dev.name}`);
    expect(pin?.action).toEqual({ kind: 'pin-orchestrator-target', params: { url: fallbackUrl } });
    // A preview touches nothing: the name does not resolve inside the dev container yet.
    expect((await fixture.inspect(dev.id)).NetworkSettings.Networks[backend.name]).toBeUndefined();
    const before = await lookupInContainer(h.engine, dev.id, 'orchestrator-service', 5000, () => performance.now());
    expect(before.resolves, before.note).toBe(false);

    const result = await h.service.execute(plan);

    if (result.status !== 'ran') throw new Error(result.message);
    const { report, files } = result;
    expect(report.status).toBe('completed');
    expect(report.outcomes.map((o) => [o.stepId, o.status])).toEqual([
      ['s1', 'succeeded'],
      ['s2', 'succeeded'],
    ]);
    expect(report.outcomes[0]?.detail).toContain('"orchestrator-service" resolves inside');
    // Independently of the step's own verification: the name resolves in the container now.
    const lookup = await lookupInContainer(h.engine, dev.id, 'orchestrator-service', 5000, () => performance.now());
    expect(lookup.resolves, lookup.note).toBe(true);
    expect(h.settings.get().orchestratorUrl).toBe(fallbackUrl);

    const board = report.scoreboard;
    expect(
      board?.closed.map((f) => f.id),
      JSON.stringify(board?.after.findings),
    ).toContain('DNS_UNRESOLVABLE_FROM_CONTAINER');
    expect(board?.after.findings.map((f) => f.id)).not.toContain('DNS_UNRESOLVABLE_FROM_CONTAINER');
    expect(board?.before.verdict).toBe('unhealthy');
    expect(board?.result).toMatch(/repaired|improved/);
    expect(board?.timing.engineMs).toBeGreaterThan(0);
    expect(h.events.map((e) => e.type)).toEqual([
      'started',
      'step-started',
      'step-finished',
      'step-started',
      'step-finished',
      'verifying',
      'finished',
    ]);

    // The report is on disk, both files, the JSON valid against the schema.
    expect(files).not.toBeNull();
    const json = repairReportSchema.parse(JSON.parse(await readFile(files!.json, 'utf8')));
    expect(json.id).toBe(report.id);
    expect(json.correlationIds.after).toBe(board?.after.correlationId);
    const markdown = await readFile(files!.markdown, 'utf8');
    expect(markdown).toContain(`docker network connect ${backend.name} ${dev.name}`);
    expect(markdown).toContain('## Before and after');
  });
});
