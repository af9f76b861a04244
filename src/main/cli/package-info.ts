import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'stack-doctor';

interface PackageJson {
  name?: string;
  version?: string;
}

function readPackageJson(dir: string): PackageJson | null {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
  } catch {
    return null;
  }
}

let cached: { root: string; version: string } | null | undefined;

/**
 * Stack Doctor's own package: the nearest folder at or above `start` whose package.json is named `stack-doctor`.
 * Walking up (rather than a fixed `../..`) finds it from the sources (src/main/cli), from the bundle (out/cli and
 * its chunks folder) and from a global install (…/lib/node_modules/stack-doctor/out/cli) alike. Null when none.
 */
function findPackage(start: string): { root: string; version: string } | null {
  for (let dir = start; ; dir = dirname(dir)) {
    const json = readPackageJson(dir);
    if (json?.name === PACKAGE_NAME) return { root: dir, version: json.version ?? '0.0.0' };
    if (dirname(dir) === dir) return null;
  }
}

function ownPackage(): { root: string; version: string } | null {
  if (cached === undefined) cached = findPackage(import.meta.dirname);
  return cached;
}

/** The folder holding Stack Doctor's package.json (and `out/`); the process's cwd if it cannot be found. */
export function packageRoot(): string {
  return ownPackage()?.root ?? process.cwd();
}

/** The version in Stack Doctor's package.json; `0.0.0` if it cannot be read. */
export function packageVersion(): string {
  return ownPackage()?.version ?? '0.0.0';
}
