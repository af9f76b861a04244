import type { ProbeError } from '../../../shared/model/index.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import type { Clock } from '../../core/ports/clock.port.ts';
import type { HeartbeatStorePort, StoreReadOptions, StoreReadResult, StoredEntry } from '../../core/ports/heartbeat.port.ts';
import { errorCode } from '../../core/protocols/redis-ping.exchange.ts';
import type { RedisEndpoint } from '../../core/protocols/redis-url.parser.ts';
import type { RespValue } from '../../core/protocols/resp.codec.ts';
import { systemClock } from '../clock/system-clock.ts';
import { RespSession, RespSessionError } from './resp-session.ts';

const DEFAULT_MAX_KEYS = 10_000;
/** Keys asked per SCAN step (a hint to Redis) and per MGET. */
const BATCH = 500;

/**
 * Heartbeats from a Redis over a small RESP session: `AUTH` (when the URL has a password), `SELECT` (db ≠ 0),
 * `SCAN … MATCH … COUNT` until the cursor returns to 0 (never `KEYS`, which blocks a busy Redis), then `MGET` in
 * batches. The password goes to Redis only: results and messages show `endpoint.display`, and any echo of
 * the password in a Redis message is redacted.
 */
export function createRedisHeartbeatStore(endpoint: RedisEndpoint, clock: Clock = systemClock): HeartbeatStorePort {
  return { readMatching: (pattern, options) => readMatching(endpoint, clock, pattern, options) };
}

class ReplyError extends Error {
  constructor(readonly probeError: ProbeError) {
    super(probeError.message);
  }
}

async function readMatching(endpoint: RedisEndpoint, clock: Clock, pattern: string, options: StoreReadOptions): Promise<StoreReadResult> {
  const start = clock.now();
  const latencyMs = (): number => Math.max(0, Math.round((clock.now() - start) * 10) / 10);
  const session = new RespSession(endpoint.host, endpoint.port, {
    timeoutMs: options.timeoutMs,
    clock,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const redact = (text: string): string => endpoint.password?.redact(text) ?? text;
  try {
    if (endpoint.password) {
      const user = endpoint.username ? [endpoint.username] : [];
      const auth = await session.call('AUTH', ...user, endpoint.password.reveal());
      // A password in the URL for a Redis that has none is harmless: read on.
      if (!(auth.type === 'error' && /without any password configured/i.test(auth.value))) checked(endpoint, auth, 'AUTH', redact);
    }
    if (endpoint.db !== 0) checked(endpoint, await session.call('SELECT', String(endpoint.db)), 'SELECT', redact);
    const { keys, truncated } = await scan(session, endpoint, pattern, options.maxKeys ?? DEFAULT_MAX_KEYS, redact);
    const entries: StoredEntry[] = [];
    for (let i = 0; i < keys.length; i += BATCH) {
      const batch = keys.slice(i, i + BATCH);
      const reply = checked(endpoint, await session.call('MGET', ...batch), 'MGET', redact);
      const values = reply.type === 'array' ? (reply.value ?? []) : [];
      batch.forEach((key, j) => {
        const value = values[j];
        entries.push({ key, value: value?.type === 'bulk' ? value.value : null });
      });
    }
    return { ok: true, entries, truncated, latencyMs: latencyMs() };
  } catch (error) {
    const probeError =
      error instanceof RespSessionError || error instanceof ReplyError
        ? error.probeError
        : { code: 'ERROR', message: `Redis at ${endpoint.display}: ${errorMessage(error)}` };
    return { ok: false, error: { code: probeError.code, message: redact(probeError.message) }, latencyMs: latencyMs() };
  } finally {
    session.close();
  }
}

async function scan(
  session: RespSession,
  endpoint: RedisEndpoint,
  pattern: string,
  maxKeys: number,
  redact: (text: string) => string,
): Promise<{ keys: string[]; truncated: boolean }> {
  const keys = new Set<string>(); // SCAN may return a key twice
  let cursor = '0';
  do {
    const reply = checked(endpoint, await session.call('SCAN', cursor, 'MATCH', pattern, 'COUNT', String(BATCH)), 'SCAN', redact);
    const [next, page] = reply.type === 'array' ? (reply.value ?? []) : [];
    if (next?.type !== 'bulk' || page?.type !== 'array')
      throw new ReplyError({ code: 'PROTOCOL_MISMATCH', message: `Unexpected SCAN reply from ${endpoint.display}` });
    for (const key of page.value ?? []) {
      if (key.type === 'bulk' && key.value !== null) keys.add(key.value);
      if (keys.size >= maxKeys) return { keys: [...keys], truncated: true };
    }
    cursor = next.value ?? '0';
  } while (cursor !== '0');
  return { keys: [...keys], truncated: false };
}

/** An error reply becomes a ReplyError with a stable code: AUTH_REQUIRED, AUTH_FAILED, REDIS_LOADING, REDIS_ERROR. */
function checked(endpoint: RedisEndpoint, reply: RespValue, command: string, redact: (text: string) => string): RespValue {
  if (reply.type !== 'error') return reply;
  const word = errorCode(reply.value);
  const said = redact(reply.value);
  if (word === 'NOAUTH') {
    throw new ReplyError({ code: 'AUTH_REQUIRED', message: `Redis at ${endpoint.display} needs a password (put it in the URL): ${said}` });
  }
  if (word === 'WRONGPASS' || (command === 'AUTH' && /invalid password|invalid username/i.test(reply.value))) {
    throw new ReplyError({ code: 'AUTH_FAILED', message: `Redis at ${endpoint.display} refused the credentials: ${said}` });
  }
  if (word === 'LOADING') throw new ReplyError({ code: 'REDIS_LOADING', message: `Redis at ${endpoint.display} is loading its dataset` });
  throw new ReplyError({ code: 'REDIS_ERROR', message: `Redis at ${endpoint.display} refused ${command}: ${said}` });
}
