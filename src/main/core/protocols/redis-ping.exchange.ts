import type { ProbeError } from '../../../shared/model/index.ts';
import type { ProtocolProbeResult, WireExchangePort } from '../ports/wire-exchange.port.ts';
import { concatBytes } from './bytes.ts';
import { encodeCommand, hasReplies, parseReply, type RespValue } from './resp.codec.ts';
import type { Secret } from './secret.ts';
import { exchangeWithinBudget, judged, mismatch, targetName, type ProtocolExchangeOptions, type ProtocolTarget } from './wire-result.ts';

export interface RedisPingOptions extends ProtocolExchangeOptions {
  /** Sent as `AUTH` before `PING` when the stack's Redis URL has one. Never echoed in results. */
  password?: Secret;
  /** ACL user for `AUTH` (Redis 6+); only with `password`. */
  username?: string;
}

/** The verdict on the replies to `[AUTH] PING`. */
export interface RedisPingVerdict {
  ok: boolean;
  error?: ProbeError;
  detail: Record<string, unknown>;
}

/**
 * Redis by protocol, not by a bare connect: sends `PING` (after `AUTH` when a password is given) and expects
 * `+PONG`. `-NOAUTH` is Redis alive behind a password: ok, `detail.authRequired`. `-LOADING` (dataset still
 * loading) is alive but not ready: `REDIS_LOADING`. A rejected password is `AUTH_FAILED`. Never rejects.
 * detail: `{ protocol: 'redis', alive, reply, authRequired?, connectMs, address }`.
 */
export async function exchangeRedisPing(
  wire: WireExchangePort,
  target: ProtocolTarget,
  options: RedisPingOptions = {},
): Promise<ProtocolProbeResult> {
  const commands: Uint8Array[] = [];
  if (options.password) {
    const user = options.username ? [options.username] : [];
    commands.push(encodeCommand(['AUTH', ...user, options.password.reveal()]));
  }
  commands.push(encodeCommand(['PING']));
  const { outcome, failed } = await exchangeWithinBudget(wire, 'redis', target, options, {
    send: concatBytes(commands),
    complete: (bytes) => hasReplies(bytes, commands.length),
    expected: 'a reply to PING',
  });
  if (failed) return failed;
  return judged('redis', target, outcome, classifyRedisReplies(targetName(target), outcome.bytes, commands.length));
}

/** Judges the bytes answering `count` commands, the last being PING (pure; unit-tested with recorded replies). */
export function classifyRedisReplies(name: string, bytes: Uint8Array, count: number): RedisPingVerdict {
  const replies: RespValue[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const step = parseReply(bytes, at);
    if (step.kind !== 'value') break;
    replies.push(step.value);
    at = step.next;
  }
  const first = replies[0];
  if (!first) return { ok: false, error: mismatch(name, 'Redis', bytes), detail: { protocol: 'unknown', alive: false } };
  const auth = count > 1 ? replies[0] : undefined;
  const ping = replies[count - 1];
  if (auth?.type === 'error') return authRejected(name, auth.value);
  if (!ping) return { ok: false, error: mismatch(name, 'Redis', bytes), detail: { protocol: 'unknown', alive: false } };
  return pingVerdict(name, ping);
}

function pingVerdict(name: string, reply: RespValue): RedisPingVerdict {
  const alive = { protocol: 'redis', alive: true };
  if ((reply.type === 'simple' || reply.type === 'bulk') && reply.value?.toUpperCase() === 'PONG') {
    return { ok: true, detail: { ...alive, reply: 'PONG' } };
  }
  if (reply.type !== 'error') return { ok: true, detail: { ...alive, reply: reply.type } };
  const code = errorCode(reply.value);
  if (code === 'NOAUTH') return { ok: true, detail: { ...alive, reply: 'NOAUTH', authRequired: true } };
  if (code === 'LOADING') {
    return {
      ok: false,
      error: { code: 'REDIS_LOADING', message: `Redis at ${name} is loading its dataset: ${reply.value}` },
      detail: { ...alive, reply: code },
    };
  }
  return {
    ok: false,
    error: { code: 'REDIS_ERROR', message: `Redis at ${name} answered PING with: ${reply.value}` },
    detail: { ...alive, reply: code },
  };
}

function authRejected(name: string, message: string): RedisPingVerdict {
  const code = errorCode(message);
  const detail = { protocol: 'redis', alive: true, reply: code };
  // "ERR AUTH <password> called without any password configured": the literal "<password>", not ours.
  if (/without any password configured/i.test(message)) return { ok: true, detail: { ...detail, authNotNeeded: true } };
  return { ok: false, error: { code: 'AUTH_FAILED', message: `Redis at ${name} refused the credentials: ${message}` }, detail };
}

/** The leading upper-case word of a Redis error (`NOAUTH`, `WRONGPASS`, `LOADING`, `ERR`…). */
export function errorCode(message: string): string {
  return /^[A-Z]+/.exec(message)?.[0] ?? 'ERR';
}
