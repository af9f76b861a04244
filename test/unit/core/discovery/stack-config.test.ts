import { describe, expect, it } from 'vitest';
import { formatConfigIssue } from '../../../../src/main/core/discovery/config-issue.ts';
import { parseStackConfig } from '../../../../src/main/core/discovery/stack-config.ts';
import { fixtureText } from './support/memory-workspace.ts';

describe('parseStackConfig (YAML)', () => {
  it('accepts a valid file and an empty one', () => {
    expect(parseStackConfig('/w/stack-doctor.yaml', fixtureText('incident/stack-doctor.yaml'))).toEqual({
      ok: true,
      config: { orchestrator: { aliases: ['orchestrator'] }, probe: { timeoutMs: 2000 } },
    });
    expect(parseStackConfig('/w/stack-doctor.yaml', '')).toEqual({ ok: true, config: {} });
    expect(parseStackConfig('/w/stack-doctor.yaml', '# only a comment\n')).toEqual({ ok: true, config: {} });
  });

  it('reports a wrong type at the line of the field, and an unknown key at its own line', () => {
    const result = parseStackConfig('/w/stack-doctor.yaml', fixtureText('invalid-config/stack-doctor.yaml'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(2);
    const timeout = result.issues.find((issue) => issue.field === 'probe.timeoutMs');
    expect(timeout).toMatchObject({ file: '/w/stack-doctor.yaml', line: 5, column: 3 });
    expect(timeout?.message).toMatch(/number/i);
    expect(result.issues.find((issue) => issue.field === 'services.api.retries')).toMatchObject({
      line: 9,
      column: 5,
      message: 'Unknown field "retries"',
    });
  });

  it('reports an invalid URL and a top-level unknown key', () => {
    const text = ['orchestrator:', '  url: not a url', 'colour: red', ''].join('\n');
    const result = parseStackConfig('/w/stack-doctor.yml', text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map(({ line, field }) => ({ line, field }))).toEqual(
      expect.arrayContaining([
        { line: 2, field: 'orchestrator.url' },
        { line: 3, field: 'colour' },
      ]),
    );
  });

  it('locates array items and out-of-range numbers', () => {
    const text = ['projects:', '  - one', '  - 2', 'services:', '  api:', '    timeoutMs: 5', ''].join('\n');
    const result = parseStackConfig('/w/stack-doctor.yaml', text);
    if (result.ok) throw new Error('expected issues');
    expect(result.issues.map(({ line, column, field }) => ({ line, column, field }))).toEqual([
      { line: 3, column: 5, field: 'projects.1' },
      { line: 6, column: 5, field: 'services.api.timeoutMs' },
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const result = parseStackConfig('/w/stack-doctor.yaml', 'probe:\n  timeoutMs: 100\n bad: [\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.line).toBeGreaterThanOrEqual(2);
    expect(result.issues[0]?.field).toBe('');
  });

  it('rejects a document that is not a mapping, at line 1', () => {
    const result = parseStackConfig('/w/stack-doctor.yaml', '- a\n- b\n');
    expect(result).toMatchObject({ ok: false, issues: [{ line: 1, column: 1, field: '' }] });
  });
});

describe('parseStackConfig (JSON)', () => {
  it('accepts comments and trailing commas', () => {
    const text = '{\n  // why\n  "services": { "api": { "health": "http://localhost:8080/health", }, },\n}\n';
    expect(parseStackConfig('/w/stack-doctor.json', text)).toEqual({
      ok: true,
      config: { services: { api: { health: 'http://localhost:8080/health' } } },
    });
  });

  it('maps schema issues to lines', () => {
    const result = parseStackConfig('/w/stack-doctor.json', fixtureText('broken-files/stack-doctor.json'));
    if (result.ok) throw new Error('expected issues');
    expect(result.issues.map(({ line, column, field }) => ({ line, column, field }))).toEqual(
      expect.arrayContaining([
        { line: 3, column: 14, field: 'probe.timeoutMs' },
        { line: 4, column: 21, field: 'orchestrator.aliasses' },
      ]),
    );
    expect(formatConfigIssue(result.issues.find((i) => i.field === 'orchestrator.aliasses')!)).toBe(
      '/w/stack-doctor.json:4:21 orchestrator.aliasses: Unknown field "aliasses"',
    );
  });

  it('reports JSON syntax errors with line and column', () => {
    const result = parseStackConfig('/w/stack-doctor.json', '{\n  "probe": { "timeoutMs": 100 \n  "x": 1\n}');
    if (result.ok) throw new Error('expected issues');
    expect(result.issues[0]).toMatchObject({ line: 3, column: 3, field: '' });
    expect(result.issues[0]?.message).toContain('CommaExpected');
  });
});
