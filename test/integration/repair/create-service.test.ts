import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ComposeCliAdapter } from '../../../src/main/adapters/repair/compose-cli.adapter.ts';
import { tempWorkspace } from '../check/run-check.ts';
import { RUN_LABEL, SESSION_LABEL } from '../support/docker-cleanup.ts';
import { createDockerFixture } from '../support/docker-fixture.ts';
import { repairHarness, type RepairHarness } from './support/repair-harness.ts';

/**
 * A compose service that was never created, created by the repair through the compose CLI installed here (Debian's
 * `docker-compose` v1; the v2 plugin is preferred when present). The compose file labels what compose creates with
 * the fixture's run label, so the fixture removes the container and the network afterwards.
 */
const fixture = createDockerFixture();
let dir: string;
let project: string;
let h: RepairHarness;

beforeAll(async () => {
  const ws = await tempWorkspace('sd-repair-create-');
  // Compose v1 has no `name:`: the folder names the project, so it is unique per run.
  project = fixture.unique('create');
  dir = join(ws.dir, project);
  await mkdir(dir);
  const labels = [`      ${RUN_LABEL}: ${fixture.runId}`, `      ${SESSION_LABEL}: ${inject('dockerSession')}`];
  await writeFile(
    join(dir, 'compose.yaml'),
    [
      'services:',
      '  api:',
      `    image: ${fixture.image}`,
      '    command: ["sleep", "3600"]',
      '    labels:',
      ...labels,
      'networks:',
      '  default:',
      '    labels:',
      ...labels,
      '',
    ].join('\n'),
  );
  h = await repairHarness();
});
afterAll(() => h?.dispose());

describe('repair: create a service that was never created', () => {
  it('says exactly what to run when no compose CLI is installed', async () => {
    const none = await repairHarness({ compose: new ComposeCliAdapter({ candidates: [{ kind: 'v1', argv0: ['no-such-compose-cli'] }] }) });
    try {
      const plan = await none.service.preview(dir);
      expect(plan.composeCli).toBeNull();
      expect(plan.steps).toEqual([]);
      expect(plan.needsYou.filter((n) => n.finding.id === 'SERVICE_NOT_CREATED')).toEqual([
        expect.objectContaining({
          finding: expect.objectContaining({ id: 'SERVICE_NOT_CREATED' }) as unknown,
          why: expect.stringContaining('No compose CLI') as string,
          command: `docker compose -p ${project} -f ${join(dir, 'compose.yaml')} up -d api`,
        }),
      ]);
    } finally {
      await none.dispose();
    }
  });

  it('creates and starts it with the compose CLI, and the verification finds it running', async () => {
    const cli = await new ComposeCliAdapter().detect();
    expect(cli, 'a compose CLI must be installed (.ci/run installs docker-compose)').not.toBeNull();
    const plan = await h.service.preview(dir);
    const [step] = plan.steps;
    expect(plan.steps).toHaveLength(1);
    expect(step?.command).toBe(`${cli?.argv0.join(' ')} -p ${project} -f ${join(dir, 'compose.yaml')} up -d api`);

    const result = await h.service.execute(plan);

    if (result.status !== 'ran') throw new Error(result.message);
    expect(result.report.outcomes[0], JSON.stringify(result.report.outcomes)).toMatchObject({ status: 'succeeded' });
    const created = await fixture.docker.listContainers({
      all: true,
      filters: JSON.stringify({ label: [`com.docker.compose.project=${project}`, 'com.docker.compose.service=api'] }),
    });
    expect(created.map((c) => c.State)).toEqual(['running']);
    expect(result.report.scoreboard?.closed.map((f) => f.id)).toEqual(['SERVICE_NOT_CREATED']);
    expect(result.report.scoreboard?.result).toBe('repaired');
  });
});
