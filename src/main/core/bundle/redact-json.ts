import { isSecretName, REDACTED, redactText } from '../../../shared/redact.ts';

/** Nesting below this depth is hidden whole: nobody reads it, and walking it could exhaust the stack. */
const MAX_DEPTH = 200;

/** Keys that name a variable in `{ name: "DB_PASSWORD", value: "…" }` lists (compose, Kubernetes, inspect). */
const NAME_KEYS = new Set(['name', 'key', 'Name', 'Key']);
const VALUE_KEYS = new Set(['value', 'Value']);

/** A redacted copy of a JSON value, and where values were hidden. */
export interface JsonRedaction {
  value: unknown;
  /** JSON paths (`$.services[0].env.DB_PASSWORD`) of every key, value or string that was changed. */
  paths: string[];
}

/**
 * A copy of a JSON value with every secret it carries hidden, at any depth:
 * - the value of a key whose name looks secret ({@link isSecretName}), whatever it holds (a string, a number,
 *   an object, an array); `null` and booleans are kept, they carry no secret (`hasPassword: false`);
 * - the `value` of an entry named by a secret-looking `name`/`key` (`{ name: "PGPASSWORD", value: "…" }`);
 * - every string and key through {@link redactText}: URL credentials, `token=` query values,
 *   `SECRET_NAME=value` assignments (docker inspect's `Env: ["PGPASSWORD=…"]`), Bearer credentials.
 * Key names are kept (redacted only when a key itself holds a credential): they tell the reader what was there.
 */
export function redactJson(value: unknown): JsonRedaction {
  const paths: string[] = [];
  return { value: walk(value, '$', 0, paths), paths };
}

function walk(value: unknown, path: string, depth: number, paths: string[]): unknown {
  if (typeof value === 'string') {
    const redacted = redactText(value);
    if (redacted !== value) paths.push(path);
    return redacted;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) {
    paths.push(path);
    return REDACTED;
  }
  if (Array.isArray(value)) return value.map((item, index) => walk(item, `${path}[${index}]`, depth + 1, paths));
  const record = value as Record<string, unknown>;
  const isPair = Object.keys(record).some((key) => VALUE_KEYS.has(key));
  const namedSecret = isPair && Object.entries(record).some(([key, v]) => NAME_KEYS.has(key) && typeof v === 'string' && isSecretName(v));
  const out: Record<string, unknown> = {};
  for (const [rawKey, item] of Object.entries(record)) {
    const key = redactText(rawKey);
    const itemPath = `${path}${pathStep(key)}`;
    if (key !== rawKey) paths.push(itemPath);
    // In a name/value pair, `key` holds the variable's name (which the reader needs), not a key.
    const secretKey = isSecretName(rawKey) && !(isPair && NAME_KEYS.has(rawKey));
    if (hidesValue(item) && (secretKey || (namedSecret && VALUE_KEYS.has(rawKey)))) {
      if (item !== REDACTED) paths.push(itemPath);
      out[key] = REDACTED;
    } else {
      out[key] = walk(item, itemPath, depth + 1, paths);
    }
  }
  return out;
}

/** Whether a value under a secret name is hidden: anything but null and booleans (and an empty string). */
function hidesValue(value: unknown): boolean {
  return value !== null && typeof value !== 'boolean' && value !== '';
}

function pathStep(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
