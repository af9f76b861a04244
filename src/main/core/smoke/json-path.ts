import { JSON_PATH_PATTERN } from '../../../shared/model/index.ts';

/** One step of a parsed path: an object member or an array index. */
export type JsonPathStep = string | number;

/** One step at a time, in the grammar of JSON_PATH_PATTERN (which the config schema checks first). */
const STEP = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;

/** `$.a["b c"][0]` → `['a', 'b c', 0]`; null when the text is not in the subset. */
export function parseJsonPath(path: string): JsonPathStep[] | null {
  if (!JSON_PATH_PATTERN.test(path)) return null;
  const steps: JsonPathStep[] = [];
  STEP.lastIndex = 1;
  while (STEP.lastIndex < path.length) {
    const match = STEP.exec(path);
    if (!match) return null;
    const [, dotted, index, single, double] = match;
    steps.push(index !== undefined ? Number(index) : (dotted ?? single ?? double ?? ''));
  }
  return steps;
}

/** The value at `steps`, or `{ found: false }` with the prefix that exists, e.g. `$.a` when `$.a.b` is missing. */
export function selectJsonPath(
  value: unknown,
  steps: readonly JsonPathStep[],
): { found: true; value: unknown } | { found: false; at: string } {
  let current = value;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as JsonPathStep;
    if (typeof step === 'number' && Array.isArray(current) && step < current.length) current = current[step];
    else if (typeof step === 'string' && isRecord(current) && Object.hasOwn(current, step)) current = current[step];
    else return { found: false, at: formatJsonPath(steps.slice(0, i)) };
  }
  return { found: true, value: current };
}

/** Back to text: members as `.name` when they can be, else `["name"]`. */
export function formatJsonPath(steps: readonly JsonPathStep[]): string {
  return `$${steps
    .map((step) => (typeof step === 'number' ? `[${step}]` : /^[A-Za-z_$][\w$-]*$/.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`))
    .join('')}`;
}

/** Structural equality of JSON values (object key order does not matter). */
export function jsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEquals(item, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && jsonEquals(a[key], b[key]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
