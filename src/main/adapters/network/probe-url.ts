import type { ProbeError } from '../../../shared/model/index.ts';

/** Default ports of the schemes probes accept. */
const SECURE = new Set(['https:', 'wss:']);

/**
 * Parses a probe URL and checks its scheme. `subject` is `host:port` (default port filled in), used in
 * error messages; an invalid URL or another scheme is `INVALID_URL`.
 */
export function parseProbeUrl(
  url: string,
  schemes: readonly string[],
): { ok: true; url: URL; subject: string } | { ok: false; error: ProbeError } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, error: { code: 'INVALID_URL', message: `Not a valid URL: ${url}` } };
  }
  if (!schemes.includes(parsed.protocol)) {
    return { ok: false, error: { code: 'INVALID_URL', message: `Unsupported scheme ${parsed.protocol} in ${url}` } };
  }
  return { ok: true, url: parsed, subject: `${parsed.hostname}:${parsed.port || (SECURE.has(parsed.protocol) ? 443 : 80)}` };
}
