import { request as httpRequest, type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { SmokeHttpPort, SmokeHttpReply, SmokeHttpRequest } from '../../core/ports/smoke-http.port.ts';
import { elapsed, timeoutError, toProbeError } from '../network/probe-error.ts';
import { parseProbeUrl } from '../network/probe-url.ts';

/** Most of a body kept when the request does not say, bytes: enough for any API answer a check reads. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * SmokeHttpPort over node:http/https with no agent: each request has its own connection, closed when the
 * reply is read, so a smoke run leaves no pooled socket behind. `timeoutMs` bounds the whole exchange, body
 * included (`TIMEOUT`); the request's signal ends it early (`ABORTED`). Never rejects.
 */
export const httpRequestAdapter: SmokeHttpPort = { request: sendHttpRequest };

export function sendHttpRequest(request: SmokeHttpRequest): Promise<SmokeHttpReply> {
  const start = performance.now();
  const checked = parseProbeUrl(request.url, ['http:', 'https:']);
  if (!checked.ok) return Promise.resolve({ ok: false, error: checked.error, latencyMs: 0 });
  const { url, subject } = checked;
  // node:http sends `user:pass@` of a URL as Basic authorization itself (unless an authorization header is set).
  const headers: OutgoingHttpHeaders = { 'user-agent': 'stack-doctor', connection: 'close', ...request.headers };
  if (request.body !== undefined) headers['content-length'] = Buffer.byteLength(request.body);
  const maxBodyBytes = request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const what = `${request.method} ${url.origin}${url.pathname}`;

  return new Promise((resolve) => {
    let req: ClientRequest | undefined;
    let settled = false;
    const finish = (reply: SmokeHttpReply): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      req?.destroy();
      resolve(reply);
    };
    const onAbort = (): void =>
      finish({ ok: false, error: { code: 'ABORTED', message: `${what} was stopped` }, latencyMs: elapsed(start) });
    const timer = setTimeout(
      () => finish({ ok: false, error: timeoutError(what, request.timeoutMs), latencyMs: elapsed(start) }),
      request.timeoutMs,
    );
    if (request.signal?.aborted) return onAbort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method: request.method, agent: false, headers });
    } catch (err) {
      // Invalid header names or values throw synchronously.
      return finish({ ok: false, error: toProbeError(err, subject), latencyMs: elapsed(start) });
    }
    req.on('error', (err) => finish({ ok: false, error: toProbeError(err, subject), latencyMs: elapsed(start) }));
    req.on('response', (res) => {
      readCapped(res, maxBodyBytes, (body, truncated) =>
        finish({ ok: true, status: res.statusCode ?? 0, headers: flatHeaders(res), body, truncated, latencyMs: elapsed(start) }),
      );
    });
    req.end(request.body);
  });
}

/** Collects at most `cap` bytes, then stops reading; `done` runs once with the UTF-8 text. */
function readCapped(res: IncomingMessage, cap: number, done: (body: string, truncated: boolean) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let called = false;
  const once = (truncated: boolean): void => {
    if (called) return;
    called = true;
    done(Buffer.concat(chunks).subarray(0, cap).toString('utf8'), truncated);
  };
  res.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
    if (size > cap) once(true);
  });
  res.on('end', () => once(false));
  // The status line arrived: a body cut short is still an answer, marked as cut.
  res.on('error', () => once(true));
  res.on('aborted', () => once(true));
}

function flatHeaders(res: IncomingMessage): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers))
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}
