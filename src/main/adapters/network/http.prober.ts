import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import type { LookupFunction } from 'node:net';
import { request as httpsRequest } from 'node:https';
import type { ProbeResult } from '../../../shared/model/index.ts';
import { elapsed, timeoutError, toProbeError } from './probe-error.ts';
import { parseProbeUrl } from './probe-url.ts';

/** Most of a body read, in bytes: health answers are small and a probe must not buffer a download. */
export const HTTP_BODY_CAP_BYTES = 64 * 1024;

const HEALTH_STATUSES = new Set(['healthy', 'degraded', 'unhealthy']);

/**
 * GETs `url` with keep-alive off (no pooled socket survives the probe). `timeoutMs` bounds the whole
 * exchange, body included; on expiry the request is destroyed and the result is `TIMEOUT`.
 * ok when the status is 2xx, else `HTTP_<status>`. detail: `{ status, contentType?, body?, healthStatus?,
 * truncated? }`; `body` is the parsed JSON when the response is JSON and fits in {@link HTTP_BODY_CAP_BYTES}.
 * `lookup` resolves the host name (default: the OS resolver through `dns.lookup`).
 */
export function probeHttp(
  url: string,
  timeoutMs: number,
  headers: Record<string, string> = {},
  lookup?: LookupFunction,
): Promise<ProbeResult> {
  const start = performance.now();
  const base = { kind: 'http' as const, target: url, from: 'host' };
  const checked = parseProbeUrl(url, ['http:', 'https:']);
  if (!checked.ok) return Promise.resolve({ ...base, ok: false, latencyMs: 0, error: checked.error });
  const { url: parsed, subject } = checked;
  const request = parsed.protocol === 'https:' ? httpsRequest : httpRequest;

  return new Promise((resolve) => {
    let settled = false;
    let req: ClientRequest;
    try {
      req = request(parsed, {
        method: 'GET',
        agent: false,
        ...(lookup ? { lookup } : {}),
        headers: { accept: 'application/json, */*;q=0.5', connection: 'close', 'user-agent': 'stack-doctor', ...headers },
      });
    } catch (err) {
      // Invalid header names/values throw synchronously; a probe reports them instead.
      resolve({ ...base, ok: false, latencyMs: elapsed(start), error: toProbeError(err, subject) });
      return;
    }
    const finish = (result: ProbeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => {
      finish({ ...base, ok: false, latencyMs: elapsed(start), error: timeoutError(`GET ${url}`, timeoutMs) });
    }, timeoutMs);
    req.on('error', (err) => finish({ ...base, ok: false, latencyMs: elapsed(start), error: toProbeError(err, subject) }));
    req.on('response', (res) => {
      readCapped(res, (body, truncated) => finish(toResult(base, start, res, body, truncated)));
    });
    req.end();
  });
}

/** Collects at most HTTP_BODY_CAP_BYTES, then stops reading; `done` runs once. */
function readCapped(res: IncomingMessage, done: (body: Buffer, truncated: boolean) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let called = false;
  const once = (truncated: boolean): void => {
    if (called) return;
    called = true;
    done(Buffer.concat(chunks).subarray(0, HTTP_BODY_CAP_BYTES), truncated);
  };
  res.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
    if (size > HTTP_BODY_CAP_BYTES) once(true);
  });
  res.on('end', () => once(false));
  // The status line already arrived: a body cut short still tells us the server answered.
  res.on('error', () => once(true));
  res.on('aborted', () => once(true));
}

function toResult(
  base: { kind: 'http'; target: string; from: string },
  start: number,
  res: IncomingMessage,
  body: Buffer,
  truncated: boolean,
): ProbeResult {
  const status = res.statusCode ?? 0;
  const contentType = res.headers['content-type'];
  const detail: Record<string, unknown> = { status };
  if (contentType) detail.contentType = contentType;
  if (truncated) detail.truncated = true;
  const json = truncated ? undefined : parseJson(body, contentType);
  if (json !== undefined) {
    detail.body = json;
    const healthStatus = typeof json === 'object' && json !== null ? (json as { status?: unknown }).status : undefined;
    if (typeof healthStatus === 'string' && HEALTH_STATUSES.has(healthStatus)) detail.healthStatus = healthStatus;
  }
  const latencyMs = elapsed(start);
  if (status >= 200 && status < 300) return { ...base, ok: true, latencyMs, detail };
  const reason = res.statusMessage ? ` ${res.statusMessage}` : '';
  return { ...base, ok: false, latencyMs, detail, error: { code: `HTTP_${status}`, message: `HTTP ${status}${reason}` } };
}

/** JSON when declared as such, or when the body looks like an object/array and parses (many servers mislabel it). */
function parseJson(body: Buffer, contentType: string | undefined): unknown {
  const text = body.toString('utf8').trim();
  if (!text) return undefined;
  const declared = contentType !== undefined && /\bjson\b/i.test(contentType);
  if (!declared && !/^[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
