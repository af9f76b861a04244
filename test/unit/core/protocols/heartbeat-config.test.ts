import { describe, expect, it } from 'vitest';
import { parseRedisUrl } from '../../../../src/main/core/protocols/redis-url.parser.ts';
import { heartbeatConfigSchema } from '../../../../src/shared/model/index.ts';

describe('heartbeat configuration', () => {
  it('names the Redis, the app and the services to expect', () => {
    const config = heartbeatConfigSchema.parse({ redisUrl: 'redis://:pw@redis:6379/1', appId: 'bannou', services: ['auth', 'accounts'] });
    expect(parseRedisUrl(config.redisUrl)).toMatchObject({
      ok: true,
      endpoint: { host: 'redis', db: 1, display: 'redis://:***@redis:6379/1' },
    });
  });

  it('refuses unknown fields and a zero limit', () => {
    expect(heartbeatConfigSchema.safeParse({ redisUrl: 'redis://redis', ttl: 90 }).success).toBe(false);
    expect(heartbeatConfigSchema.safeParse({ redisUrl: 'redis://redis', maxAgeMs: 0 }).success).toBe(false);
  });
});
