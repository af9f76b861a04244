import { resolve } from 'node:path';

export type PolicyVerdict = { ok: true } | { ok: false; message: string };

/** Whether an address to bind (or a name) stays on this machine: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost' || bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(bare);
  return v4 !== null && v4.slice(1).every((part) => Number(part) <= 255);
}

export type BindVerdict = { ok: true; warning?: string } | { ok: false; message: string };

/**
 * serve answers to loopback only unless the user says otherwise: any other bind (a LAN address, `0.0.0.0`,
 * `::`) exposes the dashboard, its diagnoses and its chat to the network, guarded by the token alone.
 */
export function checkBindHost(host: string, allowRemote: boolean): BindVerdict {
  if (isLoopbackHost(host)) return { ok: true };
  if (!allowRemote) {
    return {
      ok: false,
      message: `refusing to bind ${host}: it is not a loopback address; pass --allow-remote to expose the dashboard beyond this machine`,
    };
  }
  return {
    ok: true,
    warning: `serving on ${host}: anyone who can reach this machine and holds the token can run diagnoses and chat; the Host check is off on wildcard addresses`,
  };
}

export interface WorkspacePolicyOptions {
  /** The workspace serve was started for (absolute). */
  served: string;
  /** The folders the user added in settings, read at each request (they may change while serving). */
  configured: () => readonly string[];
  /** Relative paths resolve against this directory, as the CLI resolves `--workspace`. */
  cwd: string;
}

/**
 * Which folders a dashboard client may diagnose: the one serve was started for and those in settings,
 * by exact (normalised) path; a client's `{ "workspace": "/etc" }` is refused. An absent workspace means
 * the served one and is always allowed.
 */
export function createWorkspacePolicy(options: WorkspacePolicyOptions): (requested: string | undefined) => PolicyVerdict {
  // resolve() also drops `..`, `.`, doubled and trailing separators: one spelling per folder.
  const normalise = (path: string): string => resolve(options.cwd, path);
  return (requested) => {
    if (requested === undefined) return { ok: true };
    const wanted = normalise(requested);
    const allowed = [options.served, ...options.configured()].map(normalise);
    if (allowed.includes(wanted)) return { ok: true };
    return {
      ok: false,
      message: `Workspace ${requested} is not one this dashboard may diagnose: it serves ${options.served}; add other folders to settings.workspaces.`,
    };
  };
}
