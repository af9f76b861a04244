const VARIABLE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?([^}]*)\}/g;

/**
 * Compose-style interpolation without a host environment (core does not read the process env):
 * `${VAR:-default}` and `${VAR-default}` become the default; `${VAR}`, `$VAR`, `${VAR:?err}` and
 * `${VAR:+alt}` stay as written because their value depends on an environment we do not know;
 * `$$` is compose's escape for a literal `$`.
 */
export function interpolate(value: string): string {
  return value.replace(VARIABLE, (match: string, _name: string | undefined, operator: string | undefined, rest: string) => {
    if (match === '$$') return '$';
    if (operator === ':-' || operator === '-') return rest;
    return match;
  });
}
