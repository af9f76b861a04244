/**
 * One place that decides what a secret looks like and hides it. Used where configuration read from other
 * people's containers and files is kept, shown or logged: URL credentials, values of secret-looking
 * variables, `token=` query values.
 */

/** What stands in for a hidden value. */
export const REDACTED = '***';

/** Name parts that mark a value as secret on their own (`DB_PASSWORD`, `AWS_SECRET_ACCESS_KEY`, `API_KEY`). */
const SECRET_PARTS = new Set([
  'PASSWORD',
  'PASSWD',
  'PWD',
  'PASS',
  'PASSPHRASE',
  'SECRET',
  'SECRETS',
  'TOKEN',
  'TOKENS',
  'KEY',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
  'CREDS',
  'PRIVATE',
  'SIGNATURE',
  'SIG',
  'SALT',
  'COOKIE',
  'SESSION',
  'JWT',
  'BEARER',
  'DSN',
]);
/** Substrings that mark a name secret wherever they appear (`dbpassword`, `githubtoken`, `clientsecret`). */
const SECRET_INFIXES = ['PASSWORD', 'PASSWD', 'SECRET', 'TOKEN', 'CREDENTIAL', 'APIKEY', 'PRIVATEKEY', 'ACCESSKEY', 'PASSPHRASE'];
/**
 * `AUTH` alone is secret (`AUTH=…`, `REDIS_AUTH`, `BASIC_AUTH_USERS`), but `AUTH_URL`, `AUTH_SERVICE_HOST`
 * name where an auth service lives, which diagnosis needs.
 */
const ADDRESS_PARTS = new Set(['URL', 'URI', 'HOST', 'HOSTNAME', 'ENDPOINT', 'ADDR', 'ADDRESS', 'SERVICE', 'PORT', 'SERVER']);

/**
 * Whether a variable, label or parameter name looks like it holds a secret. Errs on the side of hiding:
 * a false positive loses a value nobody needs, a false negative leaks.
 */
export function isSecretName(name: string): boolean {
  // camelCase → CAMEL_CASE, then split on anything that is not a letter or digit.
  const upper = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
  const parts = upper.split(/[^A-Z0-9]+/).filter(Boolean);
  if (parts.some((part) => SECRET_PARTS.has(part))) return true;
  const squashed = parts.join('');
  if (SECRET_INFIXES.some((infix) => squashed.includes(infix))) return true;
  return parts.includes('AUTH') && !parts.some((part) => ADDRESS_PARTS.has(part));
}

// scheme://userinfo@ — userinfo is anything up to the first `@` that is not a path, query or space.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@'"<>]+)@/gi;
// `?name=value` / `&name=value` / `;name=value` in a URL or a query string.
const QUERY_PARAM = /([?&;])([A-Za-z0-9_.-]+)=([^&#\s'"<>]*)/g;

/**
 * A URL (or any text holding URLs) with its credentials hidden: `postgres://admin:hunter2@db:5432/app` →
 * `postgres://admin:***@db:5432/app`, `https://ghp_abc@github.com` → `https://***@github.com`, and the
 * values of secret-looking query parameters (`?token=…`, `&password=…`) → `***`.
 */
export function redactUrl(text: string): string {
  return text
    .replace(URL_USERINFO, (_match, scheme: string, userinfo: string) => {
      const colon = userinfo.indexOf(':');
      // A lone userinfo is a token more often than a user name (`https://<token>@host`).
      return colon < 0 ? `${scheme}${REDACTED}@` : `${scheme}${userinfo.slice(0, colon)}:${REDACTED}@`;
    })
    .replace(QUERY_PARAM, (match, sep: string, name: string, value: string) =>
      value !== '' && isSecretName(name) ? `${sep}${name}=${REDACTED}` : match,
    );
}

// NAME=value or NAME: value, NAME being identifier-like; the value runs to whitespace, a quote or a separator.
// The value is a lookahead so that `failed: PGPASSWORD=x` still finds PGPASSWORD after `failed`.
const ASSIGNMENT = /(^|[^A-Za-z0-9_.-])([A-Za-z_][A-Za-z0-9_.-]*)(?=(\s*[=:]\s*)(["']?)([^\s"',;&]+))/g;
// "name": "value" in JSON (a log line, a serialised record).
const JSON_PAIR = /"([A-Za-z_][A-Za-z0-9_.-]*)"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g;
// `Authorization: Bearer abc`, `Bearer abc`, `Basic abc`.
const BEARER = /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/g;

/**
 * Free text (a health check's output, a log line, a label value) with every secret it visibly carries
 * hidden: URL credentials and secret query values (see {@link redactUrl}), `SECRET_NAME=value` and
 * `password: value` assignments, `"token": "…"` JSON pairs, and `Bearer …` credentials.
 */
export function redactText(text: string): string {
  return redactAssignments(redactUrl(text))
    .replace(JSON_PAIR, (match, name: string, between: string, value: string) =>
      isSecretName(name) && value !== REDACTED ? `"${name}"${between}"${REDACTED}"` : match,
    )
    .replace(BEARER, (_match, scheme: string) => `${scheme} ${REDACTED}`);
}

/** Hides the value of every `SECRET_NAME=value` / `secret: value` in text. */
function redactAssignments(text: string): string {
  const cuts: { start: number; end: number }[] = [];
  for (const match of text.matchAll(ASSIGNMENT)) {
    const [, before = '', name = '', op = '', quote = '', value = ''] = match;
    if (!isSecretName(name) || value.startsWith(REDACTED)) continue;
    const start = match.index + before.length + name.length + op.length + quote.length;
    if (cuts.length > 0 && start < (cuts.at(-1)?.end ?? 0)) continue;
    cuts.push({ start, end: start + value.length });
  }
  let out = text;
  for (const { start, end } of cuts.reverse()) out = `${out.slice(0, start)}${REDACTED}${out.slice(end)}`;
  return out;
}
