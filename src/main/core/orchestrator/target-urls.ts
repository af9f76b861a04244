/** URL arithmetic for the orchestrator target decision: pure string work on WHATWG URLs. */

/** `url` as people write it: no trailing `/` for a bare origin (`http://localhost:8006`). */
export function displayUrl(url: URL): string {
  const text = url.toString();
  return url.pathname === '/' && !url.search && !url.hash ? text.replace(/\/$/, '') : text;
}

/** The health URL of a base URL: its path (without a trailing `/`) + `healthPath`, no query. */
export function healthUrlOf(base: URL, healthPath: string): string {
  const url = new URL(base.toString());
  const path = healthPath.startsWith('/') ? healthPath : `/${healthPath}`;
  url.pathname = url.pathname.replace(/\/+$/, '') + path;
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** The fallback's scheme, host and port with the configured URL's path and query (when it has a path). */
export function fallbackFor(configured: URL, fallback: URL): URL {
  const url = new URL(fallback.toString());
  if (configured.pathname !== '/' || configured.search) {
    url.pathname = configured.pathname;
    url.search = configured.search;
  }
  return url;
}

export function parseUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
