import { InvalidArgumentError } from 'commander';
import { tokenProblem } from './serve/serve-token.ts';

/**
 * A commander parser for whole milliseconds within [minMs, maxMs]: `--timeout` of `check` (per probe) and of
 * `chat` (the whole exchange) differ only in their bounds, which mirror the stack config's.
 */
export function millisecondsBetween(minMs: number, maxMs: number): (value: string) => number {
  return (value) => {
    const ms = Number(value);
    if (!/^\d+$/.test(value.trim()) || ms < minMs || ms > maxMs) {
      throw new InvalidArgumentError(`expected whole milliseconds between ${minMs} and ${maxMs}.`);
    }
    return ms;
  };
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65_535) throw new InvalidArgumentError('expected a port between 0 and 65535.');
  return port;
}

export function parseUrl(value: string): string {
  try {
    return new URL(value).toString().replace(/\/$/, '');
  } catch {
    throw new InvalidArgumentError('expected an absolute URL such as http://orchestrator-service:8006.');
  }
}

/** `--token`: refused when shorter than serve's minimum (a guessable token is no token). */
export function parseToken(value: string): string {
  const problem = tokenProblem(value);
  if (problem) throw new InvalidArgumentError(`${problem}.`);
  return value;
}
