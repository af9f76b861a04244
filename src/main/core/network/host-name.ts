/** Host names as they appear in URLs, classified without any I/O (core cannot import node:net). */

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Strips the brackets a URL puts around an IPv6 literal (`[::1]` → `::1`) and lower-cases. */
export function normalizeHost(host: string): string {
  const lower = host.trim().toLowerCase();
  return lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
}

/** IPv4 dotted quad or IPv6 literal (bracketed or not). */
export function isIpLiteral(host: string): boolean {
  const h = normalizeHost(host);
  return IPV4.test(h) || (h.includes(':') && /^[0-9a-f:.]+(%.+)?$/.test(h));
}

/** `localhost` and its subdomains (RFC 6761: always loopback). */
export function isLocalhost(host: string): boolean {
  const h = normalizeHost(host);
  return h === 'localhost' || h.endsWith('.localhost');
}

/** A single-label name (no dot) that is neither an IP literal nor localhost: how docker aliases look. */
export function isSingleLabel(host: string): boolean {
  const h = normalizeHost(host);
  return h.length > 0 && !h.includes('.') && !isIpLiteral(h) && !isLocalhost(h);
}

/** Letters, digits, `_` and `-` in dot-separated labels of 1–63, at most 253 in all, optionally rooted. */
const HOST_NAME = /^(?=.{1,253}\.?$)[a-z0-9_](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9_](?:[a-z0-9_-]{0,62}))*\.?$/i;

/**
 * A name a resolver could be asked about: an IP literal, or labels of letters, digits, `_` and `-` (docker
 * names allow `_`) that do not start with `-` or `.`. Anything else (`-s`, `x&&id`, spaces, `$`) is no host
 * name, and must never reach a command line, where a leading `-` would make it an option.
 */
export function isValidHostName(host: string): boolean {
  return isIpLiteral(host) || HOST_NAME.test(host);
}
