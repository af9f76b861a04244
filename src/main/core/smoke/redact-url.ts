/** Query parameter names whose values are credentials. */
const SECRET_PARAM = /token|secret|password|passwd|pwd|api[-_]?key|auth|signature|session|credential/i;

/**
 * A URL as it may be shown: the password of `user:pass@` (a lone `token@` too: that is how tokens ride in URLs) and the values of query parameters that look like
 * credentials (`?token=…`, `api_key=…`) become `***`. Text that is not a URL comes back unchanged.
 */
export function redactUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  let changed = false;
  if (url.password) {
    url.password = '***';
    changed = true;
  } else if (url.username) {
    url.username = '***';
    changed = true;
  }
  for (const name of new Set(url.searchParams.keys())) {
    if (SECRET_PARAM.test(name)) {
      url.searchParams.set(name, '***');
      changed = true;
    }
  }
  return changed ? url.href.replaceAll('%2A%2A%2A', '***') : text;
}
