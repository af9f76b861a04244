import { describe, expect, it } from 'vitest';
import { createRepairAppService, type RepairReportSource } from '../../../src/main/app/repair-app-service.ts';
import type { RepairReport } from '../../../src/shared/model/index.ts';
import { runningContainer } from '../support/container-info.ts';
import { harness } from '../core/repair/support/harness.ts';

function incident() {
  const h = harness([{ name: 'db', containerId: 'id-db' }]);
  h.engine.add(
    runningContainer({
      id: 'id-db',
      name: 'shop-db-1',
      state: 'exited',
      exitCode: 0,
      labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'db' },
      networks: [{ name: 'shop_default', aliases: ['db'], ipAddress: '172.20.0.2' }],
    }),
  );
  const stored: RepairReport[] = [];
  const source: RepairReportSource = {
    list: async () => stored.map((report) => ({ report, json: `/d/${report.id}.json`, markdown: `/d/${report.id}.md` })),
    find: async (id) => {
      const report = stored.find((r) => r.id === id);
      return report ? { report, json: `/d/${id}.json`, markdown: `/d/${id}.md` } : null;
    },
    read: async (path) => `content of ${path}`,
  };
  const repair = createRepairAppService(h.service, source);
  return { h, repair, stored };
}

describe('RepairAppService: what the faces call', () => {
  it('executes only a previewed plan with its fingerprint, once; lists and exports the report', async () => {
    const { h, repair, stored } = incident();
    const plan = await repair.preview('/ws');
    expect(plan.steps.map((s) => s.kind)).toEqual(['start-container']);

    expect(await repair.execute({ planId: plan.id, fingerprint: 'not-it' })).toMatchObject({ status: 'unknown-plan' });
    expect(await repair.execute({ planId: 'nope', fingerprint: plan.fingerprint })).toMatchObject({ status: 'unknown-plan' });
    expect(h.engine.calls).toEqual([]);

    const ran = await h.drive(repair.execute({ planId: plan.id, fingerprint: plan.fingerprint }));
    if (ran.status !== 'ran') throw new Error(ran.message);
    expect(ran.report.status).toBe('completed');
    expect(h.engine.calls).toContain('start id-db');
    // A plan runs once: executing it again needs a new preview.
    expect(await repair.execute({ planId: plan.id, fingerprint: plan.fingerprint })).toMatchObject({ status: 'unknown-plan' });

    stored.push(ran.report);
    const [summary] = await repair.reports();
    expect(summary).toMatchObject({ id: ran.report.id, status: 'completed', closed: 1, files: { markdown: `/d/${ran.report.id}.md` } });
    expect(await repair.exportReport(ran.report.id, 'markdown')).toEqual({
      fileName: `stack-doctor-repair-${ran.report.id}.md`,
      mediaType: 'text/markdown',
      content: `content of /d/${ran.report.id}.md`,
      path: `/d/${ran.report.id}.md`,
    });
    await expect(repair.exportReport('missing', 'json')).rejects.toThrow('No repair report missing');
  });

  it('a refused run (the stack changed) remembers the re-plan, which can be executed next', async () => {
    const { h, repair } = incident();
    const plan = await repair.preview('/ws');
    // Recreated under the same name: a new id is a different container, so the stack changed since the preview.
    const db = h.engine.containers.get('id-db')!;
    h.engine.containers.delete('id-db');
    h.engine.add({ ...db, id: 'id-db-new' });
    (h.diagnoser as unknown as { services: Array<{ containerId: string }> }).services[0]!.containerId = 'id-db-new';
    const ran = await h.drive(repair.execute({ planId: plan.id, fingerprint: plan.fingerprint }));
    if (ran.status !== 'ran') throw new Error(ran.message);
    expect(ran.report.status).toBe('refused');
    expect(h.engine.calls).toEqual([]);
    const replanned = ran.report.replanned!;
    const next = await h.drive(repair.execute({ planId: replanned.id, fingerprint: replanned.fingerprint }));
    expect(next).toMatchObject({ status: 'ran', report: { status: 'completed' } });
    expect(h.engine.calls).toContain('start id-db-new');
  });

  it('cancel() is false with nothing running', () => {
    expect(incident().repair.cancel()).toBe(false);
  });
});
