import { redactText } from '../../../shared/redact.ts';

/** `stack-doctor-bundle-20260101T093000Z.tar.gz`: UTC, no colons (they are not allowed in Windows file names). */
export function defaultBundleFileName(date: Date): string {
  return `${bundleStem(date)}.tar.gz`;
}

/** The archive's top folder, so that extracting it never scatters files: the default file name's stem. */
export function bundleStem(date: Date): string {
  const stamp = date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `stack-doctor-bundle-${stamp}`;
}

/** The redaction rules, in words, for the manifest (worded so the manifest's own last pass leaves them whole). */
export const REDACTION_RULES: readonly string[] = [
  'JSON (diagnosis, settings, reports, log lines): the value of every key whose name looks secret, at any depth',
  'JSON: the value of a name/value pair whose name looks secret (environment lists)',
  'passwords and tokens inside URLs (the user-info part and secret query parameters)',
  'assignments to secret-looking names in text, in the shell, YAML and JSON styles',
  'HTTP authorization credentials (the Bearer and Basic schemes)',
  'a last pass of the same text rules over every entry, the manifest included',
];

/**
 * Gives each file its name inside the archive: below `folder`, with the characters a tar reader on any system
 * accepts (others become `_`), credentials a file name might carry hidden, and a `-2`, `-3`… suffix when two
 * names collide after that.
 */
export class ArchiveNames {
  private readonly taken = new Set<string>();

  /** Reserves a fixed name (`manifest.json`, `diagnosis.json`). */
  reserve(name: string): string {
    this.taken.add(name);
    return name;
  }

  /** The archive name for `relativePath` (`/`-separated) under `folder`. */
  name(folder: string, relativePath: string): string {
    const clean = relativePath
      .split('/')
      .filter((part) => part !== '' && part !== '.' && part !== '..')
      .map((part) => redactText(part).replace(/[^A-Za-z0-9._-]/g, '_'))
      .join('/');
    const base = `${folder}/${clean || 'file'}`;
    let candidate = base;
    for (let n = 2; this.taken.has(candidate); n++) candidate = withSuffix(base, n);
    this.taken.add(candidate);
    return candidate;
  }
}

function withSuffix(path: string, n: number): string {
  const slash = path.lastIndexOf('/');
  const dot = path.indexOf('.', slash + 2);
  return dot < 0 ? `${path}-${n}` : `${path.slice(0, dot)}-${n}${path.slice(dot)}`;
}

/**
 * A path as the manifest shows it: under the user's home it starts with `~`, so a bundle attached to a public
 * bug report does not carry the account name.
 */
export function homeRelative(path: string, home: string): string {
  if (!home || home === '/') return path;
  const trimmed = home.replace(/[\\/]+$/, '');
  if (path === trimmed) return '~';
  return path.startsWith(`${trimmed}/`) || path.startsWith(`${trimmed}\\`) ? `~${path.slice(trimmed.length)}` : path;
}
