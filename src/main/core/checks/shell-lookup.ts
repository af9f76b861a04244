import type { ExecResult } from '../ports/index.ts';
import { parseGetent, parseNslookup, type ContainerLookup } from './container-lookup.ts';

/** The line that opens each name's record in the output of {@link SHELL_LOOKUP_SCRIPT}. */
const RECORD = '@@stack-doctor-lookup';
/** The line that closes it: a record without one was cut (timeout, output cap) and is not believed. */
const RECORD_END = '@@stack-doctor-lookup-end';

/**
 * Looks up every positional argument, one after another, with the first tool the image has: `getent ahosts`
 * (then `getent hosts`, for a getent without `ahosts`), else `nslookup`. One exec instead of one per tool and
 * name: a failed `getent` exec followed by an `nslookup` exec cost ~95 ms a consumer on busybox images.
 * CONSTANT: names reach it only as positional arguments ("$n", always quoted), never as script text, and the
 * caller passes only names isValidHostName accepts (none starts with `-`). Each record is
 * `RECORD tool exit name`, the tool's output, `RECORD_END`, so the output is attributed per name whatever the
 * tool prints (a host name holds no `@`).
 */
export const SHELL_LOOKUP_SCRIPT = [
  'g=',
  'command -v getent >/dev/null 2>&1 && g=1',
  'for n do',
  '  if [ -n "$g" ]; then',
  '    t=getent; o=$(getent ahosts "$n" 2>/dev/null); s=$?',
  '    if [ "$s" = 1 ]; then o=$(getent hosts "$n" 2>/dev/null); s=$?; fi',
  '  else',
  '    t=nslookup; o=$(nslookup "$n" 2>&1); s=$?',
  '  fi',
  `  printf '%s %s %s %s\\n%s\\n%s\\n' '${RECORD}' "$t" "$s" "$n" "$o" '${RECORD_END}'`,
  'done',
].join('\n');

/** `sh -c SCRIPT sh name…`: `sh` is `$0`, the names are `$1…`. */
export function shellLookupArgv(names: readonly string[]): string[] {
  return ['sh', '-c', SHELL_LOOKUP_SCRIPT, 'sh', ...names];
}

/** Whether the exec could not start `sh` at all (no shell in the image): the caller runs the tools directly. */
export function shellMissing(result: ExecResult): boolean {
  return (result.exitCode === 126 || result.exitCode === 127) && !result.stdout.includes(RECORD);
}

/** What the script said: complete records by name, and whether the image has no lookup tool at all. */
export interface ShellLookupOutput {
  lookups: Map<string, ContainerLookup>;
  /** The shell ran but found neither getent nor nslookup (`nslookup: not found`, 127). */
  noTool: boolean;
}

const OUTPUT_CAP = 500;

function capped(text: string): string {
  const t = text.trim();
  return t.length > OUTPUT_CAP ? `${t.slice(0, OUTPUT_CAP - 1)}…` : t;
}

/**
 * The complete records of `names` in the script's stdout (a timed-out or capped run yields the names it
 * finished). A record for a name not asked is ignored, so nothing the container prints can answer for
 * another name.
 */
export function parseShellLookup(names: readonly string[], stdout: string): ShellLookupOutput {
  const asked = new Set(names);
  const lookups = new Map<string, ContainerLookup>();
  let noTool = false;
  const lines = stdout.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = /^@@stack-doctor-lookup (getent|nslookup) (\d+) (\S+)$/.exec(lines[i] ?? '');
    if (!header) continue;
    const end = lines.indexOf(RECORD_END, i + 1);
    if (end < 0) break;
    const [, tool, exit, name] = header as unknown as [string, 'getent' | 'nslookup', string, string];
    const output = lines.slice(i + 1, end).join('\n');
    i = end;
    if (!asked.has(name) || lookups.has(name)) continue;
    const exitCode = Number(exit);
    if (tool === 'nslookup' && (exitCode === 126 || exitCode === 127)) {
      noTool = true;
      continue;
    }
    const result: ExecResult = { exitCode, stdout: output, stderr: '', timedOut: false };
    const parsed = tool === 'getent' ? parseGetent(result) : parseNslookup(result);
    // `getent ahosts` prints each address once per socket type.
    const addresses = [...new Set(parsed.addresses)];
    const { resolves } = parsed;
    const note = resolves ? `${tool}: ${addresses.join(', ')}` : `${tool}: cannot resolve ${name}`;
    // As the direct tools reported it: getent's addresses (its lines repeat each one per socket type), nslookup's text.
    lookups.set(name, { tool, resolves, addresses, output: capped(tool === 'getent' ? addresses.join('\n') : output), note });
  }
  return { lookups, noTool };
}
