import { isValidHostName } from '../network/host-name.ts';
import type { EngineReadPort, ExecResult } from '../ports/index.ts';
import { errorMessage } from '../../../shared/error-message.ts';

/** A name lookup run inside a container, and what it said. */
export interface ContainerLookup {
  /** The tool that ran, or null when the image has none of them (or exec failed). */
  tool: 'getent' | 'nslookup' | null;
  /** true/false when the tool decided; null when it could not (timeout, exec failure, no tool). */
  resolves: boolean | null;
  addresses: string[];
  /** Trimmed stdout+stderr, at most 500 characters. */
  output: string;
  /** One line for the report: `getent: 172.18.0.2`, `nslookup: can't resolve`, `no lookup tool in image`. */
  note: string;
  /**
   * Set when the lookup itself failed or was refused (not the name): `TIMEOUT`, `EXEC_FAILED`,
   * `NO_LOOKUP_TOOL`, `INVALID_HOST` (the name is no host name: nothing was run).
   */
  failure?: { code: string; message: string };
}

const OUTPUT_CAP = 500;

function combined(result: ExecResult): string {
  const text = `${result.stdout}\n${result.stderr}`.trim();
  return text.length > OUTPUT_CAP ? `${text.slice(0, OUTPUT_CAP - 1)}…` : text;
}

function toolMissing(tool: string, result: ExecResult): boolean {
  if (result.exitCode === 126 || result.exitCode === 127) return true;
  const text = `${result.stdout}\n${result.stderr}`;
  return (
    /executable file not found|no such file or directory/i.test(text) || new RegExp(`\\b${tool}: (command )?not found`, 'i').test(text)
  );
}

/** `getent hosts`: one `address  name…` line per address; exit 2 when the key is unknown. */
export function parseGetent(result: ExecResult): { resolves: boolean; addresses: string[] } {
  const addresses = result.stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((a) => a.length > 0);
  return { resolves: result.exitCode === 0 && addresses.length > 0, addresses };
}

/**
 * busybox and bind `nslookup`: the answer is the `Address` lines after `Name:`; the resolver's own
 * `Server`/`Address` header comes before it. Failure prints `can't resolve` or `NXDOMAIN` and exits 1.
 */
export function parseNslookup(result: ExecResult): { resolves: boolean; addresses: string[] } {
  const text = `${result.stdout}\n${result.stderr}`;
  const addresses: string[] = [];
  let inAnswer = false;
  for (const line of result.stdout.split('\n')) {
    if (/^Name:/i.test(line.trim())) inAnswer = true;
    const match = /^Address(?:\s+\d+)?:\s*(\S+)/i.exec(line.trim());
    if (inAnswer && match?.[1]) addresses.push(match[1]);
  }
  const failed = /can't resolve|can't find|NXDOMAIN|SERVFAIL|REFUSED/i.test(text) && addresses.length === 0;
  return { resolves: result.exitCode === 0 && !failed && addresses.length > 0, addresses };
}

/**
 * The lookup commands, as argument vectors (never a shell). No `--` before the name: busybox `nslookup`
 * rejects it (prints its usage) and Alpine's `getent` has no option parsing and would look up "--" itself;
 * instead {@link lookupInContainer} refuses any name that is not a host name, so none can start with `-`.
 */
const TOOLS = [
  { tool: 'getent' as const, argv: (host: string) => ['getent', 'hosts', host], parse: parseGetent },
  { tool: 'nslookup' as const, argv: (host: string) => ['nslookup', host], parse: parseNslookup },
];

/**
 * Resolves `host` inside a running container with the first lookup tool the image has (`getent`, then
 * busybox/bind `nslookup`). `timeoutMs` is the budget for all tries together. A name that is no host name
 * is refused (`INVALID_HOST`) without running anything. Never rejects.
 */
export async function lookupInContainer(
  engine: Pick<EngineReadPort, 'exec'>,
  containerId: string,
  host: string,
  timeoutMs: number,
  now: () => number,
  /** The tools to try, in order; default getent then nslookup (a caller that saw getent missing skips it). */
  tools: ReadonlyArray<ContainerLookup['tool'] & string> = ['getent', 'nslookup'],
): Promise<ContainerLookup> {
  if (!isValidHostName(host)) {
    const message = `"${host}" is not a valid host name: not looked up`;
    return { tool: null, resolves: null, addresses: [], output: '', note: message, failure: { code: 'INVALID_HOST', message } };
  }
  const deadline = now() + timeoutMs;
  for (const { tool, argv, parse } of TOOLS.filter((t) => tools.includes(t.tool))) {
    const budget = Math.max(1, Math.round(deadline - now()));
    let result: ExecResult;
    try {
      result = await engine.exec(containerId, argv(host), budget);
    } catch (err) {
      const message = errorMessage(err);
      return {
        tool: null,
        resolves: null,
        addresses: [],
        output: '',
        note: `lookup could not run: ${message}`,
        failure: { code: 'EXEC_FAILED', message },
      };
    }
    if (result.timedOut) {
      const message = `${tool} ${host} did not finish within ${timeoutMs} ms`;
      return { tool, resolves: null, addresses: [], output: combined(result), note: message, failure: { code: 'TIMEOUT', message } };
    }
    if (toolMissing(tool, result)) continue;
    const { resolves, addresses } = parse(result);
    const note = resolves ? `${tool}: ${addresses.join(', ')}` : `${tool}: cannot resolve ${host}`;
    return { tool, resolves, addresses, output: combined(result), note };
  }
  const message = 'the image has neither getent nor nslookup';
  return { tool: null, resolves: null, addresses: [], output: '', note: message, failure: { code: 'NO_LOOKUP_TOOL', message } };
}
