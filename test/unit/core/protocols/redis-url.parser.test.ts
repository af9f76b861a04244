import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseRedisUrl } from '../../../../src/main/core/protocols/redis-url.parser.ts';

describe('parseRedisUrl', () => {
  it('reads host, port and database, with defaults', () => {
    expect(parseRedisUrl('redis://cache')).toEqual({ ok: true, endpoint: { host: 'cache', port: 6379, db: 0, display: 'redis://cache' } });
    expect(parseRedisUrl('redis://127.0.0.1:6380/3')).toMatchObject({ ok: true, endpoint: { host: '127.0.0.1', port: 6380, db: 3 } });
    expect(parseRedisUrl('redis://[::1]:6380?db=2')).toMatchObject({ ok: true, endpoint: { host: '::1', port: 6380, db: 2 } });
  });

  it('keeps the password as a Secret that never prints', () => {
    const parsed = parseRedisUrl('redis://:p%40ss%3Aw0rd@redis:6379/1');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const { endpoint } = parsed;
    expect(endpoint.password?.reveal()).toBe('p@ss:w0rd');
    expect(endpoint.display).toBe('redis://:***@redis:6379/1');
    for (const shown of [JSON.stringify(endpoint), inspect(endpoint, { depth: 5 }), String(endpoint.password), `${endpoint.display}`]) {
      expect(shown).not.toContain('p@ss');
      expect(shown).not.toContain('p%40ss');
    }
  });

  it('reads an ACL user; `default` is the same as none', () => {
    expect(parseRedisUrl('redis://app:pw@redis')).toMatchObject({
      ok: true,
      endpoint: { username: 'app', display: 'redis://app:***@redis' },
    });
    const dflt = parseRedisUrl('redis://default:pw@redis');
    expect(dflt).toMatchObject({ ok: true, endpoint: { host: 'redis' } });
    expect(dflt.ok && dflt.endpoint.username).toBeUndefined();
  });

  it('refuses what it cannot use, without echoing the password', () => {
    expect(parseRedisUrl('rediss://:hunter2@redis')).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_REDIS_URL' } });
    expect(parseRedisUrl('http://redis')).toMatchObject({ ok: false, error: { code: 'INVALID_REDIS_URL' } });
    expect(parseRedisUrl('redis://:hunter2@redis/x')).toMatchObject({ ok: false, error: { code: 'INVALID_REDIS_URL' } });
    expect(parseRedisUrl('not a url')).toMatchObject({ ok: false, error: { code: 'INVALID_REDIS_URL' } });
    for (const url of ['rediss://:hunter2@redis', 'redis://:hunter2@redis/x']) {
      expect(JSON.stringify(parseRedisUrl(url))).not.toContain('hunter2');
    }
  });
});
