import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schemaIssues } from '../../../../src/main/core/discovery/schema-issues.ts';
import { loadYamlDocument } from '../../../../src/main/core/discovery/yaml-document.ts';
import { smokeConfigSchema, type SmokeConfig } from '../../../../src/shared/model/index.ts';

/**
 * The stack config as it will be once the lead adds `smoke: smokeConfigSchema.optional()`: the same loader
 * (YAML with node positions, zod issues mapped to file/line/field) that reports every other config error.
 */
const withSmoke = z.object({ smoke: smokeConfigSchema.optional() }).strict();

function load(lines: string[]): { ok: true; smoke: SmokeConfig | undefined } | { ok: false; issues: ReturnType<typeof schemaIssues> } {
  const doc = loadYamlDocument('/w/stack-doctor.yaml', lines.join('\n'));
  expect(doc.syntaxIssues).toEqual([]);
  const parsed = withSmoke.safeParse(doc.value ?? {});
  return parsed.success ? { ok: true, smoke: parsed.data.smoke } : { ok: false, issues: schemaIssues(doc, parsed.error) };
}

function issuesOf(lines: string[]): Array<{ line: number; field: string; message: string }> {
  const result = load(lines);
  if (result.ok) throw new Error('expected issues');
  return result.issues.map(({ line, field, message }) => ({ line, field, message }));
}

describe('smoke: in stack-doctor.yaml', () => {
  it('parses every check kind and fills the defaults', () => {
    const result = load([
      'smoke:',
      '  concurrency: 2',
      '  suites:',
      '    infrastructure:',
      '      timeoutMs: 2000',
      '      checks:',
      '        - { kind: tcp, name: redis, host: localhost, port: 6379 }',
      '        - { kind: dns, name: alias from dev, host: orchestrator-service, from: { container: shop-dev-1 } }',
      '        - { kind: dns, name: localhost, host: localhost }',
      '    http:',
      '      checks:',
      '        - kind: http',
      '          name: api health',
      '          url: http://localhost:8080/health',
      '          expect:',
      '            status: [200, 204]',
      '            bodyContains: ok',
      '            json:',
      '              - { path: "$.checks[0].status", equals: healthy }',
      '        - { kind: http, name: create, method: POST, url: "https://api.test/items", body: { a: 1 }, headers: { X-Token: abc } }',
      '    chat:',
      '      checks:',
      '        - { kind: chat, name: admin journey, journey: admin, timeoutMs: 15000 }',
      '        - { kind: chat, name: http path, transport: http, target: "http://localhost:8006", skip: true }',
    ]);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const suites = result.smoke?.suites ?? {};
    expect(Object.keys(suites)).toEqual(['infrastructure', 'http', 'chat']);
    expect(suites.infrastructure?.checks[2]).toEqual({ kind: 'dns', name: 'localhost', host: 'localhost', from: 'host' });
    expect(suites.http?.checks[0]).toMatchObject({
      method: 'GET',
      expect: { status: [200, 204], json: [{ path: '$.checks[0].status', equals: 'healthy' }] },
    });
    expect(suites.http?.checks[1]).toMatchObject({ method: 'POST', body: { a: 1 } });
    expect(suites.chat?.checks[0]).toEqual({
      kind: 'chat',
      name: 'admin journey',
      journey: 'admin',
      timeoutMs: 15000,
      transport: 'ws',
      message: 'ping',
      minTokens: 1,
    });
  });

  it('names file, line and field of an unknown kind, a bad URL, a bad JSON path and an unknown field', () => {
    expect(
      issuesOf([
        'smoke:',
        '  suites:',
        '    http:',
        '      checks:',
        '        - kind: htp',
        '          name: typo',
        '        - kind: http',
        '          name: ftp',
        '          url: ftp://example.test/',
        '        - kind: http',
        '          name: path',
        '          url: http://localhost/',
        '          expect:',
        '            json:',
        '              - path: $.items[*]',
        '                equals: 1',
        '        - kind: tcp',
        '          name: port',
        '          host: localhost',
        '          port: 6379',
        '          retries: 3',
      ]),
    ).toEqual([
      { line: 5, field: 'smoke.suites.http.checks.0.kind', message: expect.stringMatching(/http.*chat.*tcp.*dns/) },
      { line: 9, field: 'smoke.suites.http.checks.1.url', message: 'an http:// or https:// URL' },
      { line: 15, field: 'smoke.suites.http.checks.2.expect.json.0.path', message: expect.stringMatching(/JSON path like/) },
      { line: 21, field: 'smoke.suites.http.checks.3.retries', message: 'Unknown field "retries"' },
    ]);
  });

  it('reports a duplicate check name at the second one, and out-of-range numbers', () => {
    expect(
      issuesOf([
        'smoke:',
        '  concurrency: 0',
        '  suites:',
        '    infra:',
        '      timeoutMs: 10',
        '      checks:',
        '        - { kind: tcp, name: redis, host: localhost, port: 6379 }',
        '        - { kind: tcp, name: redis, host: localhost, port: 70000 }',
      ]),
    ).toEqual([
      { line: 2, field: 'smoke.concurrency', message: expect.stringMatching(/>=1/) },
      { line: 5, field: 'smoke.suites.infra.timeoutMs', message: expect.stringMatching(/>=50/) },
      { line: 8, field: 'smoke.suites.infra.checks.1.name', message: 'another check of this suite is named "redis"' },
      { line: 8, field: 'smoke.suites.infra.checks.1.port', message: expect.stringMatching(/<=65535/) },
    ]);
    expect(
      issuesOf([
        'smoke:',
        '  suites:',
        '    infra:',
        '      checks:',
        '        - { kind: tcp, name: redis, host: localhost, port: 6379 }',
        '        - { kind: dns, name: redis, host: redis }',
      ]),
    ).toEqual([{ line: 6, field: 'smoke.suites.infra.checks.1.name', message: 'another check of this suite is named "redis"' }]);
  });

  it('rejects the reserved and malformed suite names, an empty suite and a missing suites map', () => {
    expect(
      issuesOf([
        'smoke:',
        '  suites:',
        '    diagnosis:',
        '      checks: [{ kind: tcp, name: x, host: h, port: 1 }]',
        '    "bad name":',
        '      checks: [{ kind: tcp, name: x, host: h, port: 1 }]',
        '    empty:',
        '      checks: []',
      ]),
    ).toEqual([
      { line: 3, field: 'smoke.suites.diagnosis', message: '"diagnosis" is the built-in suite derived from the diagnosis' },
      { line: 5, field: 'smoke.suites.bad name', message: expect.stringMatching(/letters, digits/) },
      { line: 8, field: 'smoke.suites.empty.checks', message: expect.stringMatching(/>=1/) },
    ]);
    expect(issuesOf(['smoke:', '  concurrency: 3'])).toEqual([
      { line: 1, field: 'smoke.suites', message: expect.stringMatching(/record/) },
    ]);
  });

  it('rejects a dns check from a container without a name and a chat target that is not a URL', () => {
    expect(
      issuesOf([
        'smoke:',
        '  suites:',
        '    mixed:',
        '      checks:',
        '        - { kind: dns, name: d, host: api, from: { container: "" } }',
        '        - { kind: chat, name: c, target: localhost:8006 }',
      ]),
    ).toEqual([
      { line: 5, field: 'smoke.suites.mixed.checks.0.from.container', message: expect.any(String) },
      { line: 6, field: 'smoke.suites.mixed.checks.1.target', message: 'an http(s):// or ws(s):// URL' },
    ]);
  });
});
