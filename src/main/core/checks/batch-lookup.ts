import { errorMessage } from '../../../shared/error-message.ts';
import { isValidHostName } from '../network/host-name.ts';
import type { EngineReadPort, ExecResult } from '../ports/index.ts';
import { lookupInContainer, type ContainerLookup } from './container-lookup.ts';
import { parseShellLookup, shellLookupArgv, shellMissing } from './shell-lookup.ts';

/** What looking up several names in one container cost and said. */
export interface BatchLookup {
  /** One answer per name asked, in the order asked. */
  lookups: Map<string, ContainerLookup>;
  /** Execs issued (1 when the shell script, or `getent ahosts` without a shell, answered for all names). */
  execs: number;
  /**
   * Set when the container itself could not run a lookup (exec refused, container gone, no lookup tool):
   * another container resolving alike may be asked instead. Names are not to blame then.
   */
  unusable?: { code: string; message: string };
}

const OUTPUT_CAP = 500;

/**
 * Separators between the keys of one `getent ahosts` run. An IP literal is answered by getaddrinfo
 * without any lookup, always with its own line (`0.0.0.7  STREAM 0.0.0.7`), so the output between two
 * separators belongs to exactly one key. The canonical name getent prints cannot serve: a CNAME or a
 * search domain changes it. Keys are never IP literals (the caller does not look literals up).
 */
const separator = (index: number): string => `0.0.${Math.floor(index / 256)}.${index % 256}`;

/**
 * `getent ahosts n1 S1 n2 S2 …`: addresses per name, or null when the output is not shaped as expected
 * (an old or non-glibc getent without `ahosts`): the caller falls back to one lookup per name.
 */
function parseAhostsBatch(names: readonly string[], result: ExecResult): Map<string, string[]> | null {
  if (result.exitCode !== 0 && result.exitCode !== 2) return null;
  const byName = new Map<string, string[]>();
  let index = 0;
  let addresses = new Set<string>();
  for (const line of result.stdout.split('\n')) {
    const address = line.trim().split(/\s+/)[0] ?? '';
    // Each address comes once per socket type (STREAM, DGRAM, RAW): a separator's repeats are skipped.
    if (address === '' || (index > 0 && address === separator(index))) continue;
    if (index >= names.length) return null;
    if (address === separator(index + 1)) {
      byName.set(names[index] as string, [...addresses]);
      addresses = new Set();
      index += 1;
    } else addresses.add(address);
  }
  return index === names.length && addresses.size === 0 ? byName : null;
}

function toolMissing(result: ExecResult): boolean {
  return result.exitCode === 126 || result.exitCode === 127;
}

function trimmed(text: string): string {
  const t = text.trim();
  return t.length > OUTPUT_CAP ? `${t.slice(0, OUTPUT_CAP - 1)}…` : t;
}

/**
 * Resolves many names inside one running container in one exec: `sh -c SHELL_LOOKUP_SCRIPT sh name…`, which
 * runs getent (or nslookup, busybox) per name (shell-lookup.ts: a constant script, the names only as its
 * positional arguments; every name is checked by isValidHostName first and one that is no host name is refused
 * with `INVALID_HOST`). An image without `sh` runs the tools directly ({@link withoutShell}). Never more than one
 * exec at a time; `timeoutMs` bounds all of it; names left when it is spent get `TIMEOUT`. Never rejects.
 */
export async function lookupNamesInContainer(
  engine: Pick<EngineReadPort, 'exec'>,
  containerId: string,
  names: readonly string[],
  timeoutMs: number,
  now: () => number,
): Promise<BatchLookup> {
  const lookups = new Map<string, ContainerLookup>();
  const valid: string[] = [];
  for (const name of new Set(names)) {
    if (isValidHostName(name)) valid.push(name);
    else {
      const message = `"${name}" is not a valid host name: not looked up`;
      lookups.set(name, {
        tool: null,
        resolves: null,
        addresses: [],
        output: '',
        note: message,
        failure: { code: 'INVALID_HOST', message },
      });
    }
  }
  if (valid.length === 0) return { lookups, execs: 0 };
  const deadline = now() + timeoutMs;
  let result: ExecResult;
  try {
    result = await engine.exec(containerId, shellLookupArgv(valid), timeoutMs);
  } catch (err) {
    return { lookups, execs: 1, unusable: { code: 'EXEC_FAILED', message: `lookup could not run: ${errorMessage(err)}` } };
  }
  if (shellMissing(result)) return withoutShell(engine, containerId, valid, { deadline, now, lookups, execs: 1 });
  const answered = parseShellLookup(valid, result.stdout);
  if (answered.noTool) return { lookups, execs: 1, unusable: { code: 'NO_LOOKUP_TOOL', message: NO_TOOL } };
  for (const [name, lookup] of answered.lookups) lookups.set(name, lookup);
  const missing = valid.filter((name) => !lookups.has(name));
  if (missing.length === 0) return { lookups, execs: 1 };
  if (result.timedOut) {
    const which = result.execId ? ` (exec ${result.execId.slice(0, 12)}, which may still run in the container)` : '';
    const message = `the lookup of ${valid.length} names did not finish within ${timeoutMs} ms${which}`;
    for (const name of missing) lookups.set(name, timedOutLookup(null, message));
    return { lookups, execs: 1 };
  }
  // The shell ran but its output holds no record for these (cut at the exec's output cap): one exec per name.
  return fallBackPerName(engine, containerId, missing, { deadline, now, lookups, execs: 1, tools: ['getent', 'nslookup'] });
}

const NO_TOOL = 'the image has neither getent nor nslookup';

function timedOutLookup(tool: ContainerLookup['tool'], message: string): ContainerLookup {
  return { tool, resolves: null, addresses: [], output: '', note: message, failure: { code: 'TIMEOUT', message } };
}

/**
 * An image without `sh` (distroless, scratch plus a binary): the tools are run directly, as argv. One
 * `getent ahosts` exec for all names (glibc); without a batch-capable getent, {@link lookupInContainer} per
 * name, one after another.
 */
async function withoutShell(
  engine: Pick<EngineReadPort, 'exec'>,
  containerId: string,
  valid: readonly string[],
  state: { deadline: number; now: () => number; lookups: Map<string, ContainerLookup>; execs: number },
): Promise<BatchLookup> {
  const { deadline, now, lookups } = state;
  const left = Math.round(deadline - now());
  if (left <= 0) {
    const message = 'no time was left to run a lookup after the shell was found missing';
    for (const name of valid) lookups.set(name, timedOutLookup(null, message));
    return { lookups, execs: state.execs };
  }
  const execs = state.execs + 1;
  const argv = ['getent', 'ahosts', ...valid.flatMap((name, i) => [name, separator(i + 1)])];
  let result: ExecResult;
  try {
    result = await engine.exec(containerId, argv, left);
  } catch (err) {
    const message = errorMessage(err);
    return { lookups, execs, unusable: { code: 'EXEC_FAILED', message: `lookup could not run: ${message}` } };
  }
  if (result.timedOut) {
    const which = result.execId ? ` (exec ${result.execId.slice(0, 12)}, which may still run in the container)` : '';
    const message = `getent ahosts (${valid.length} names) did not finish within ${left} ms${which}`;
    for (const name of valid) lookups.set(name, timedOutLookup('getent', message));
    return { lookups, execs };
  }
  const parsed = toolMissing(result) ? null : parseAhostsBatch(valid, result);
  if (parsed) {
    for (const [name, addresses] of parsed) {
      const resolves = addresses.length > 0;
      const note = resolves ? `getent: ${addresses.join(', ')}` : `getent: cannot resolve ${name}`;
      lookups.set(name, { tool: 'getent', resolves, addresses, output: trimmed(addresses.join('\n')), note });
    }
    return { lookups, execs };
  }
  const tools = toolMissing(result) ? (['nslookup'] as const) : (['getent', 'nslookup'] as const);
  return fallBackPerName(engine, containerId, valid, { deadline, now, lookups, execs, tools });
}

async function fallBackPerName(
  engine: Pick<EngineReadPort, 'exec'>,
  containerId: string,
  names: readonly string[],
  state: {
    deadline: number;
    now: () => number;
    lookups: Map<string, ContainerLookup>;
    execs: number;
    tools: ReadonlyArray<'getent' | 'nslookup'>;
  },
): Promise<BatchLookup> {
  const { lookups, now, deadline } = state;
  let execs = state.execs;
  for (const name of names) {
    const left = Math.round(deadline - now());
    if (left <= 0) {
      const message = `${name} not looked up: the lookup budget was spent on the names before it`;
      lookups.set(name, timedOutLookup(null, message));
      continue;
    }
    // lookupInContainer may try getent, then nslookup: count what it ran through a counting view of exec.
    const counting = {
      exec: (id: string, argv: string[], ms: number): Promise<ExecResult> => {
        execs += 1;
        return engine.exec(id, argv, ms);
      },
    };
    const lookup = await lookupInContainer(counting, containerId, name, left, now, state.tools);
    if (lookup.failure?.code === 'EXEC_FAILED' || lookup.failure?.code === 'NO_LOOKUP_TOOL')
      return { lookups, execs, unusable: lookup.failure };
    lookups.set(name, lookup);
  }
  return { lookups, execs };
}
