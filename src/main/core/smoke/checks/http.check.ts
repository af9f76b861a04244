import type { SmokeHttpCheck } from '../../../../shared/model/index.ts';
import type { SmokeHttpPort } from '../../ports/smoke-http.port.ts';
import { unmetExpectations } from '../http-expectations.ts';
import { redactUrl } from '../../../../shared/redact.ts';
import { fail, pass, type CheckContext, type CheckVerdict } from '../smoke-check.ts';

/** `GET http://localhost:8080/health`, credentials redacted. */
export function httpTarget(check: SmokeHttpCheck): string {
  return `${check.method} ${redactUrl(check.url)}`;
}

/** Sends the request and holds the answer to `expect` (any 2xx when nothing is expected). */
export async function runHttpCheck(check: SmokeHttpCheck, http: SmokeHttpPort, context: CheckContext): Promise<CheckVerdict> {
  const { body, headers } = requestBody(check);
  const reply = await http.request({
    method: check.method,
    url: check.url,
    headers,
    body,
    timeoutMs: context.timeoutMs,
    signal: context.signal,
  });
  if (!reply.ok) return fail(`${reply.error.code}: ${redactMessage(reply.error.message, check)}`);
  const unmet = unmetExpectations(check.expect, reply);
  return unmet.length === 0 ? pass() : fail(unmet.join('; '));
}

/** A string body goes as written; any other JSON value as JSON, declared so unless a header says otherwise. */
function requestBody(check: SmokeHttpCheck): { body?: string; headers: Record<string, string> } {
  const headers = { ...check.headers };
  if (check.body === undefined) return { headers };
  if (typeof check.body === 'string') return { body: check.body, headers };
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  return { body: JSON.stringify(check.body), headers: hasType ? headers : { ...headers, 'content-type': 'application/json' } };
}

/** An adapter message may quote the URL or a header value it was given; the scoreboard must show neither's secrets. */
function redactMessage(message: string, check: SmokeHttpCheck): string {
  const shown = redactUrl(check.url);
  let text = shown === check.url ? message : message.replaceAll(check.url, shown);
  for (const value of Object.values(check.headers ?? {})) if (value.length >= 4) text = text.replaceAll(value, '***');
  return text;
}
