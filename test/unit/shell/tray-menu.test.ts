import { describe, expect, it } from 'vitest';
import { buildTrayMenu, countsLine, TRAY_LABEL_MAX, truncateLabel, type TrayMenuItem } from '../../../src/main/shell/tray-menu.ts';
import { diagnosis, finding } from '../renderer/diagnosis-fixture.ts';

const labels = (items: TrayMenuItem[]) => items.map((item) => (item.type === 'separator' ? '---' : item.label));
const byAction = (items: TrayMenuItem[], action: string) =>
  items.find((item) => item.type === 'normal' && item.action === action) as Extract<TrayMenuItem, { type: 'normal' }>;

describe('buildTrayMenu', () => {
  it('shows "checking" with no diagnosis yet while the first check runs, with Check now disabled', () => {
    const menu = buildTrayMenu({ diagnosis: null, checking: true });
    expect(menu.icon).toBe('checking');
    expect(menu.tooltip).toBe('Stack Doctor: Checking your stack…');
    expect(labels(menu.items)).toEqual([
      'Checking your stack…',
      '---',
      'Run smoke tests',
      'Save diagnostics bundle…',
      'Check now',
      'Open dashboard',
      '---',
      'Quit Stack Doctor',
    ]);
    expect(byAction(menu.items, 'check-now').enabled).toBe(false);
  });

  it('says "Not checked yet" with the grey icon and an enabled Check now when idle without a diagnosis', () => {
    const menu = buildTrayMenu({ diagnosis: null, checking: false });
    expect(menu.icon).toBe('checking');
    expect(menu.items[0]).toEqual({ type: 'normal', label: 'Not checked yet', enabled: false });
    expect(byAction(menu.items, 'check-now').enabled).toBe(true);
  });

  it('uses the verdict as icon and a disabled verdict line for a healthy stack with no findings', () => {
    const menu = buildTrayMenu({ diagnosis: diagnosis(), checking: false });
    expect(menu.icon).toBe('healthy');
    expect(menu.items[0]).toEqual({ type: 'normal', label: 'Healthy — no problems', enabled: false });
    expect(labels(menu.items)).toEqual([
      'Healthy — no problems',
      '---',
      'Run smoke tests',
      'Save diagnostics bundle…',
      'Check now',
      'Open dashboard',
      '---',
      'Quit Stack Doctor',
    ]);
    expect(menu.tooltip).toBe('Stack Doctor: Healthy — no problems');
  });

  it('lists findings worst first with a severity mark and an open-finding action', () => {
    const d = diagnosis({
      verdict: 'unhealthy',
      findings: [
        finding({ id: 'ORCHESTRATOR_LOCALHOST_FALLBACK', severity: 'info', summary: 'using localhost' }),
        finding({ id: 'HEALTH_DEGRADED', severity: 'warning', summary: 'api degraded' }),
        finding({ id: 'CONTAINER_EXITED', severity: 'error', summary: 'worker exited' }),
      ],
    });
    const menu = buildTrayMenu({ diagnosis: d, checking: false });
    expect(menu.icon).toBe('unhealthy');
    expect(labels(menu.items).slice(0, 5)).toEqual([
      'Unhealthy — 1 error, 1 warning',
      '---',
      '✖ worker exited',
      '▲ api degraded',
      'ℹ using localhost',
    ]);
    expect(menu.items[2]).toEqual({
      type: 'normal',
      label: '✖ worker exited',
      enabled: true,
      action: { kind: 'open-finding', id: 'CONTAINER_EXITED' },
    });
  });

  it('shows at most 5 findings then "and N more…" opening the dashboard', () => {
    const findings = Array.from({ length: 8 }, (_, i) => finding({ subject: `svc-${i}`, summary: `problem ${i}` }));
    const menu = buildTrayMenu({ diagnosis: diagnosis({ verdict: 'unhealthy', findings }), checking: false });
    const findingItems = menu.items.filter((item) => item.type === 'normal' && typeof item.action === 'object');
    expect(findingItems).toHaveLength(5);
    const more = menu.items.find((item) => item.type === 'normal' && item.label.startsWith('and '));
    expect(more).toEqual({ type: 'normal', label: 'and 3 more…', enabled: true, action: 'open-dashboard' });
  });

  it('offers "Repair stack…" (opening the Repair view) after the findings of a degraded or unhealthy stack, disabled during a check', () => {
    const findings = [finding({ id: 'CONTAINER_EXITED', severity: 'error', summary: 'worker exited' })];
    const idle = buildTrayMenu({ diagnosis: diagnosis({ verdict: 'unhealthy', findings }), checking: false });
    expect(labels(idle.items).slice(0, 5)).toEqual(['Unhealthy — 1 error', '---', '✖ worker exited', 'Repair stack…', '---']);
    expect(idle.items[3]).toEqual({ type: 'normal', label: 'Repair stack…', enabled: true, action: 'repair-stack' });
    const degraded = buildTrayMenu({ diagnosis: diagnosis({ verdict: 'degraded', findings }), checking: true });
    expect(degraded.items.find((item) => item.type === 'normal' && item.action === 'repair-stack')).toMatchObject({ enabled: false });
  });

  it('has no "Repair stack…" for a healthy stack nor before the first check', () => {
    for (const state of [
      { diagnosis: diagnosis({ verdict: 'healthy', findings: [] }), checking: false },
      { diagnosis: null, checking: true },
    ]) {
      expect(labels(buildTrayMenu(state).items)).not.toContain('Repair stack…');
    }
  });

  it('has no "more" line with exactly 5 findings', () => {
    const findings = Array.from({ length: 5 }, (_, i) => finding({ subject: `svc-${i}` }));
    const menu = buildTrayMenu({ diagnosis: diagnosis({ verdict: 'unhealthy', findings }), checking: false });
    expect(labels(menu.items).some((label) => label.startsWith('and '))).toBe(false);
  });

  it('keeps the last verdict line but switches to the checking icon and disables Check now during a re-check', () => {
    const d = diagnosis({ verdict: 'degraded', findings: [finding({ severity: 'warning', id: 'HEALTH_DEGRADED' })] });
    const menu = buildTrayMenu({ diagnosis: d, checking: true });
    expect(menu.icon).toBe('checking');
    expect(menu.items[0]).toMatchObject({ label: 'Degraded — 1 warning (checking…)' });
    expect(byAction(menu.items, 'check-now').enabled).toBe(false);
    expect(byAction(menu.items, 'open-dashboard').enabled).toBe(true);
    expect(byAction(menu.items, 'quit').enabled).toBe(true);
  });

  it('truncates long summaries to ~60 characters', () => {
    const summary = 'devcontainer cannot resolve orchestrator-service: it is on network shop_backend and the devcontainer is not';
    const menu = buildTrayMenu({ diagnosis: diagnosis({ verdict: 'unhealthy', findings: [finding({ summary })] }), checking: false });
    const item = menu.items[2] as Extract<TrayMenuItem, { type: 'normal' }>;
    const chars = Array.from(item.label.slice(2)).length;
    expect(chars).toBeLessThanOrEqual(TRAY_LABEL_MAX);
    expect(chars).toBeGreaterThan(TRAY_LABEL_MAX - 5);
    expect(item.label.endsWith('…')).toBe(true);
  });

  it('does not mutate the diagnosis findings order', () => {
    const findings = [finding({ severity: 'info', id: 'ORCHESTRATOR_LOCALHOST_FALLBACK' }), finding({ severity: 'error' })];
    const d = diagnosis({ verdict: 'unhealthy', findings });
    buildTrayMenu({ diagnosis: d, checking: false });
    expect(d.findings.map((f) => f.severity)).toEqual(['info', 'error']);
  });

  it('always ends with Run smoke tests, Save diagnostics bundle…, Check now, Open dashboard, a separator and Quit', () => {
    const menu = buildTrayMenu({ diagnosis: diagnosis({ verdict: 'unhealthy', findings: [finding()] }), checking: false });
    expect(labels(menu.items).slice(-7)).toEqual([
      '---',
      'Run smoke tests',
      'Save diagnostics bundle…',
      'Check now',
      'Open dashboard',
      '---',
      'Quit Stack Doctor',
    ]);
    expect(byAction(menu.items, 'run-smoke')).toEqual({ type: 'normal', label: 'Run smoke tests', enabled: true, action: 'run-smoke' });
    expect(byAction(menu.items, 'save-bundle')).toMatchObject({ enabled: true });
  });
});

describe('truncateLabel', () => {
  it('keeps short text and collapses whitespace', () => {
    expect(truncateLabel('  a\n  b  ')).toBe('a b');
  });
  it('never splits a surrogate pair', () => {
    const text = '🐳'.repeat(70);
    const cut = truncateLabel(text, 10);
    expect(Array.from(cut)).toHaveLength(10);
    expect(cut).toBe(`${'🐳'.repeat(9)}…`);
  });
  it('keeps text of exactly max characters', () => {
    expect(truncateLabel('x'.repeat(60))).toBe('x'.repeat(60));
  });
});

describe('countsLine', () => {
  it('counts errors and warnings with plurals and ignores info', () => {
    expect(countsLine([finding({ severity: 'error' }), finding({ severity: 'error' }), finding({ severity: 'warning' })])).toBe(
      '2 errors, 1 warning',
    );
    expect(countsLine([finding({ severity: 'info' })])).toBe('no problems');
  });
});
