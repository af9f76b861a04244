import type { ProbeError } from '../../../shared/model/index.ts';

/** One HTTP request of a smoke check. */
export interface SmokeHttpRequest {
  method: string;
  /** http:// or https://; credentials in the URL are sent as Basic authorization, never logged. */
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Budget of the whole exchange, body included, ms. */
  timeoutMs: number;
  /** Ends the request early (the runner aborts a check that ran out of time or was cancelled). */
  signal?: AbortSignal;
  /** Most of the body kept, bytes; the rest is not read. Default 1 MiB. */
  maxBodyBytes?: number;
}

/** What the server answered, or why nothing usable came back (`ECONNREFUSED`, `ENOTFOUND`, `TIMEOUT`, `ABORTED`…). */
export type SmokeHttpReply =
  | {
      ok: true;
      status: number;
      /** Lower-case names; repeated headers joined with `, `. */
      headers: Record<string, string>;
      /** The body as UTF-8 text, cut at `maxBodyBytes`. */
      body: string;
      /** The body was longer than `maxBodyBytes`. */
      truncated: boolean;
      latencyMs: number;
    }
  | { ok: false; error: ProbeError; latencyMs: number };

/** HTTP with method, headers and body, for smoke checks. Never rejects: expected failures are replies. */
export interface SmokeHttpPort {
  request(request: SmokeHttpRequest): Promise<SmokeHttpReply>;
}
