import { describe, expect, it } from 'vitest';
import { redactJson } from '../../../../src/main/core/bundle/redact-json.ts';

describe('redactJson', () => {
  it('hides the value of a secret-looking key at any depth, and names where', () => {
    const input = { a: { b: { c: [{ DB_PASSWORD: 'pw-1' }, { apiKey: 'key-2' }] } }, env: { AWS_SECRET_ACCESS_KEY: 'aws-3' } };
    const { value, paths } = redactJson(input);
    expect(value).toEqual({ a: { b: { c: [{ DB_PASSWORD: '***' }, { apiKey: '***' }] } }, env: { AWS_SECRET_ACCESS_KEY: '***' } });
    expect(paths).toEqual(['$.a.b.c[0].DB_PASSWORD', '$.a.b.c[1].apiKey', '$.env.AWS_SECRET_ACCESS_KEY']);
  });

  it('hides numbers, objects and arrays under a secret name whole, and keeps null, booleans and empty strings', () => {
    const { value } = redactJson({
      pin: { password: 1234 },
      credentials: { user: 'u', pass: 'p' },
      tokens: ['t1', 't2'],
      hasPassword: true,
      secret: null,
      API_TOKEN: '',
    });
    expect(value).toEqual({
      pin: { password: '***' },
      credentials: '***',
      tokens: '***',
      hasPassword: true,
      secret: null,
      API_TOKEN: '',
    });
  });

  it('hides the value of a { name, value } pair whose name looks secret, and only that', () => {
    const { value, paths } = redactJson({
      env: [
        { name: 'PGPASSWORD', value: 'pg-4' },
        { name: 'HOME', value: '/root' },
        { Key: 'GITHUB_TOKEN', Value: 'ghp-5' },
      ],
    });
    expect(value).toEqual({
      env: [
        { name: 'PGPASSWORD', value: '***' },
        { name: 'HOME', value: '/root' },
        { Key: 'GITHUB_TOKEN', Value: '***' },
      ],
    });
    expect(paths).toEqual(['$.env[0].value', '$.env[2].Value']);
  });

  it('treats `key` as a secret name outside a name/value pair', () => {
    expect(redactJson({ key: 'k-1', keyId: 'id' }).value).toEqual({ key: '***', keyId: '***' });
    expect(redactJson({ key: 'HOME', value: '/root' }).value).toEqual({ key: 'HOME', value: '/root' });
  });

  it("hides secret assignments in strings (docker inspect's Env) and keeps the others", () => {
    const { value } = redactJson({ Env: ['POSTGRES_PASSWORD=pg-6', 'PATH=/usr/bin', 'REDIS_AUTH=ra-7'] });
    expect(value).toEqual({ Env: ['POSTGRES_PASSWORD=***', 'PATH=/usr/bin', 'REDIS_AUTH=***'] });
  });

  it('hides URL credentials and secret query values in any string, keeping host, port and path', () => {
    const { value, paths } = redactJson({
      targets: [{ url: 'postgres://admin:url-8@db:5432/app?token=tok-9&sslmode=require', host: 'db' }],
      note: 'pulled from https://ghp_abcdef@github.com/org/repo',
    });
    expect(value).toEqual({
      targets: [{ url: 'postgres://admin:***@db:5432/app?token=***&sslmode=require', host: 'db' }],
      note: 'pulled from https://***@github.com/org/repo',
    });
    expect(paths).toEqual(['$.targets[0].url', '$.note']);
  });

  it('hides credentials that sit in a key, and quotes odd keys in paths', () => {
    const { value, paths } = redactJson({ byUrl: { 'redis://:rp-10@cache:6379': 'up' } });
    expect(value).toEqual({ byUrl: { 'redis://:***@cache:6379': 'up' } });
    expect(paths).toEqual(['$.byUrl["redis://:***@cache:6379"]']);
  });

  it('leaves what diagnosis needs untouched', () => {
    const diagnosis = {
      verdict: 'degraded',
      correlationId: 'c0ffee',
      checkedAt: '2026-01-01T00:00:00Z',
      durationMs: 42,
      services: [
        {
          name: 'api',
          envTargets: [
            { url: 'http://orchestrator:8006/health', host: 'orchestrator', port: 8006, source: 'env:ORCHESTRATOR_SERVICE_URL' },
          ],
        },
      ],
      findings: [{ id: 'dns', cause: 'AUTH_URL names auth, which does not resolve', fix: 'docker network connect shop_backend api' }],
    };
    const { value, paths } = redactJson(diagnosis);
    expect(value).toEqual(diagnosis);
    expect(paths).toEqual([]);
  });

  it('does not change its input', () => {
    const input = { password: 'pw', nested: { url: 'http://u:p@h/' } };
    const copy = structuredClone(input);
    redactJson(input);
    expect(input).toEqual(copy);
  });

  it('survives nesting deep enough to exhaust a recursive walk, hiding what is below the limit', () => {
    let deep: unknown = { password: 'deep-11' };
    for (let i = 0; i < 50_000; i++) deep = [deep];
    const { value, paths } = redactJson(deep);
    expect(JSON.stringify(value)).not.toContain('deep-11');
    expect(paths).toHaveLength(1);
  });
});
