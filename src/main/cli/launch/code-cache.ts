import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * How the cache served this load: `accepted` V8 used the stored code; `missing` there was none; `rejected` V8 refused
 * it (another V8, other flags such as `--cpu-prof`, a damaged file) and compiled the source.
 */
export type CacheUse = 'accepted' | 'missing' | 'rejected';

export interface CachedModule<T> {
  exports: T;
  cacheUse: CacheUse;
  /**
   * Stores V8's code for this script, functions compiled so far included, when the cache did not serve this load.
   * Call it once the work is done: a cache made after the run holds the code the run compiled, one made before it
   * only the top level. Never throws (a read-only home only costs the next run its speed); true when written.
   */
  saveCache(): boolean;
}

/**
 * The cache folder: `STACK_DOCTOR_CACHE_DIR`, else `$XDG_CACHE_HOME/stack-doctor`, else `~/.cache/stack-doctor`
 * (the logger's folder follows the same rule under XDG_STATE_HOME).
 */
export function cacheDirOf(env: Record<string, string | undefined>): string {
  if (env.STACK_DOCTOR_CACHE_DIR) return env.STACK_DOCTOR_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'stack-doctor');
}

/**
 * The cache file of one build, one kind of run and one Node: V8 checks its own version and flags, but tells sources
 * apart by length only, so a cache must never be offered to another build (`buildId`: a hash of the bundle). `run`
 * (the command, e.g. `check`) keeps one cache per command: each holds the functions its command compiled.
 */
export function cacheFileOf(dir: string, buildId: string, run: string): string {
  const safeRun = /^[a-z][a-z-]{0,30}$/.test(run) ? run : 'other';
  return join(dir, `${safeRun}.${buildId}.${process.version}.${process.arch}.v8`);
}

/**
 * Loads the CommonJS file `file` (the CLI bundle) as `require` would, compiled with V8's code cache from
 * `cacheFile` when there is one. Node 20 caches no compiled code of its own (`module.enableCompileCache` came in
 * Node 22), and compiling the bundle is a quarter of a `check`'s work (bench/README.md "cli-startup").
 */
export function loadWithCodeCache<T>(file: string, cacheFile: string): CachedModule<T> {
  const source = readFileSync(file, 'utf8');
  const cachedData = readOwnCache(cacheFile);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const cacheUse: CacheUse = !cachedData ? 'missing' : script.cachedDataRejected ? 'rejected' : 'accepted';
  const module = { exports: {} as T };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, cacheUse, saveCache: () => cacheUse !== 'accepted' && writeCache(script, cacheFile) };
}

/**
 * The cache file's bytes when this user wrote it: V8 runs whatever code a cache holds once its source length
 * matches, so a cache someone else could have written (another owner, writable by group or others — a shared
 * `STACK_DOCTOR_CACHE_DIR`) is never offered. Checked on the open file (fstat), not on its path. Undefined when
 * there is none or it is not ours.
 */
function readOwnCache(cacheFile: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(cacheFile, 'r');
    const stat = fstatSync(fd);
    const ours = process.getuid === undefined || (stat.uid === process.getuid() && (stat.mode & 0o022) === 0);
    return ours && stat.isFile() ? readFileSync(fd) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Caches kept per kind of run: this build's and the latest of others. More than one, so that two installs used in
 * turn (a global install and a clone) do not throw each other's cache away at every run; bounded, so a clone rebuilt
 * all day does not fill the disk (each is ~1.2 MB).
 */
const KEPT_PER_RUN = 4;

/** Writes atomically (a temp file renamed over), then removes all but the newest caches of the same kind of run. */
function writeCache(script: Script, cacheFile: string): boolean {
  const dir = dirname(cacheFile);
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
    renameSync(temp, cacheFile);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // No folder to hold it: there is no temp file either.
    }
    return false;
  }
  const run = cacheFile.slice(dir.length + 1).split('.', 1)[0]!;
  try {
    const others = readdirSync(dir)
      .filter((name) => name.startsWith(`${run}.`) && name.endsWith('.v8') && join(dir, name) !== cacheFile)
      .map((name) => ({ file: join(dir, name), mtimeMs: statSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const { file } of others.slice(KEPT_PER_RUN - 1)) rmSync(file, { force: true });
  } catch {
    // Another process tidying the same folder: its caches are the same as ours.
  }
  return true;
}
