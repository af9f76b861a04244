import { basename, dirname } from 'node:path';

/** Compose's project-name normalisation: lowercase, only `[a-z0-9_-]`, no leading `_`/`-`. */
export function normalizeProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '')
    .replace(/^[_-]+/, '');
}

/** The name compose gives a project run from the directory of `composeFile` without `name:` or `-p`. */
export function defaultProjectName(composeFile: string): string {
  return normalizeProjectName(basename(dirname(composeFile)));
}

/**
 * The name the Dev Containers tooling gives a compose-based devcontainer without `name:`: the folder of
 * the first compose file, or `<workspace folder>_devcontainer` when that folder is `.devcontainer`.
 */
export function devcontainerProjectName(firstComposeFile: string): string {
  const configDir = dirname(firstComposeFile);
  const name = basename(configDir) === '.devcontainer' ? `${basename(dirname(configDir))}_devcontainer` : basename(configDir);
  return normalizeProjectName(name);
}
