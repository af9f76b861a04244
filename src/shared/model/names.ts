import { z } from 'zod';

/**
 * Names Stack Doctor puts into a command come from other people's compose files, labels and environments.
 * Each kind below is checked against what the tool that consumes it would accept; a name that fails is
 * reported as invalid and never used in a command or an action. Every pattern refuses a leading `-`, so a
 * name can never become an option of the program it is passed to.
 */

/** Container, network and compose service names as Docker accepts them. */
const DOCKER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/** Compose project names (what compose v2 normalises a project name to). */
const COMPOSE_PROJECT = /^[a-z0-9][a-z0-9_-]*$/;
/** A DNS name (labels of letters, digits, `_` and `-`, the first not starting with `-`), or an IPv6 literal. */
const HOST_NAME = /^(?:[A-Za-z0-9_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\.?|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)$/;
/** Printable ASCII without quotes, backquote, backslash or space: a URL as a config writes one. */
const URL_TEXT = /^[\x21-\x7e]+$/;
const URL_FORBIDDEN = /['"`\\]/;
/** Longest host name DNS can carry. */
const MAX_HOST = 253;

export type NameKind = 'container' | 'network' | 'service' | 'project' | 'host' | 'url' | 'path';

const RULES: Record<NameKind, { what: string; accepts: string; valid: (value: string) => boolean }> = {
  container: { what: 'container name', accepts: 'Docker accepts [a-zA-Z0-9][a-zA-Z0-9_.-]*', valid: (v) => DOCKER_NAME.test(v) },
  network: { what: 'network name', accepts: 'Docker accepts [a-zA-Z0-9][a-zA-Z0-9_.-]*', valid: (v) => DOCKER_NAME.test(v) },
  service: { what: 'compose service name', accepts: 'Compose accepts [a-zA-Z0-9][a-zA-Z0-9_.-]*', valid: (v) => DOCKER_NAME.test(v) },
  project: { what: 'compose project name', accepts: 'Compose accepts [a-z0-9][a-z0-9_-]*', valid: (v) => COMPOSE_PROJECT.test(v) },
  host: { what: 'host name', accepts: 'a host name is letters, digits, `.`, `_` and `-`', valid: isValidHost },
  url: { what: 'URL', accepts: 'an http(s) URL with a valid host name and no quotes or spaces', valid: isValidHttpUrl },
  path: { what: 'path', accepts: 'a path that does not start with `-` and holds no line break', valid: isValidPath },
};

function isValidHost(host: string): boolean {
  return host.length <= MAX_HOST && HOST_NAME.test(host);
}

function isValidHttpUrl(url: string): boolean {
  if (!URL_TEXT.test(url) || URL_FORBIDDEN.test(url)) return false;
  try {
    const parsed = new URL(url);
    const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && isValidHost(host);
  } catch {
    return false;
  }
}

function isValidPath(path: string): boolean {
  return path !== '' && !path.startsWith('-') && !/[\0\r\n]/.test(path);
}

/** Why `value` cannot be used as a `kind` in a command, in one sentence; null when it can. */
export function nameProblem(kind: NameKind, value: string): string | null {
  const rule = RULES[kind];
  if (rule.valid(value)) return null;
  return `The ${rule.what} ${JSON.stringify(value)} is not valid (${rule.accepts}${value.startsWith('-') ? ', and never a leading `-`' : ''}).`;
}

/** A zod string schema that accepts only a valid `kind` (see {@link nameProblem}). */
export function nameSchema(kind: NameKind) {
  return z.string().refine((value) => RULES[kind].valid(value), { message: `not a valid ${RULES[kind].what}` });
}
