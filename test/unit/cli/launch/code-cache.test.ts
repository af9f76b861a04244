import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheDirOf, cacheFileOf, loadWithCodeCache } from '../../../../src/main/cli/launch/code-cache.ts';

let dir: string;
let bundle: string;
let cacheDir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sd-code-cache-'));
  bundle = join(dir, 'bundle.cjs');
  cacheDir = join(dir, 'cache');
  // A CommonJS module as the CLI bundle is one: it uses require, module.exports, __filename and __dirname.
  writeFileSync(
    bundle,
    [
      "const { basename } = require('node:path');",
      'function square(n) { return n * n; }',
      'module.exports = { answer: () => square(6) + 6, file: basename(__filename), dir: __dirname };',
    ].join('\n'),
  );
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

type Bundle = { answer(): number; file: string; dir: string };

describe('loadWithCodeCache', () => {
  it('runs the module as require would, stores the cache after the run, and the next load uses it', () => {
    const cacheFile = cacheFileOf(cacheDir, 'build1', 'check');
    const first = loadWithCodeCache<Bundle>(bundle, cacheFile);
    expect(first.exports.answer()).toBe(42);
    expect(first.exports.file).toBe('bundle.cjs');
    expect(first.exports.dir).toBe(dir);
    expect(first.cacheUse).toBe('missing');
    expect(first.saveCache()).toBe(true);

    const second = loadWithCodeCache<Bundle>(bundle, cacheFile);
    expect(second.cacheUse).toBe('accepted');
    expect(second.exports.answer()).toBe(42);
    // A cache that served the load is not written again.
    expect(second.saveCache()).toBe(false);
  });

  it('compiles the source when the cache is damaged, and replaces it', () => {
    const cacheFile = cacheFileOf(cacheDir, 'build1', 'check');
    mkdirSync(cacheDir);
    writeFileSync(cacheFile, 'not a V8 code cache');
    const loaded = loadWithCodeCache<Bundle>(bundle, cacheFile);
    expect(loaded.cacheUse).toBe('rejected');
    expect(loaded.exports.answer()).toBe(42);
    expect(loaded.saveCache()).toBe(true);
    expect(loadWithCodeCache<Bundle>(bundle, cacheFile).cacheUse).toBe('accepted');
  });

  it('never offers V8 a cache that others could have written (writable by group or others)', () => {
    const cacheFile = cacheFileOf(cacheDir, 'build1', 'check');
    loadWithCodeCache<Bundle>(bundle, cacheFile).saveCache();
    chmodSync(cacheFile, 0o666);
    const loaded = loadWithCodeCache<Bundle>(bundle, cacheFile);
    expect(loaded.cacheUse).toBe('missing');
    expect(loaded.exports.answer()).toBe(42);
    // Rewritten as the user's own, it serves again.
    expect(loaded.saveCache()).toBe(true);
    expect(statSync(cacheFile).mode & 0o777).toBe(0o600);
    expect(loadWithCodeCache<Bundle>(bundle, cacheFile).cacheUse).toBe('accepted');
  });

  it('keeps working when the cache cannot be written', () => {
    writeFileSync(cacheDir, 'a file where the folder should be');
    const loaded = loadWithCodeCache<Bundle>(bundle, cacheFileOf(cacheDir, 'build1', 'check'));
    expect(loaded.exports.answer()).toBe(42);
    expect(loaded.saveCache()).toBe(false);
  });

  it("never offers one build's cache to another, and keeps only the newest caches of a command", () => {
    const builds = ['b1', 'b2', 'b3', 'b4', 'b5'];
    builds.forEach((build, i) => {
      const cacheFile = cacheFileOf(cacheDir, build, 'check');
      const loaded = loadWithCodeCache<Bundle>(bundle, cacheFile);
      expect(loaded.cacheUse).toBe('missing');
      loaded.saveCache();
      // Written one after the other, a second apart: the file system's clock may be coarse.
      utimesSync(cacheFile, 1_000 + i, 1_000 + i);
    });
    loadWithCodeCache<Bundle>(bundle, cacheFileOf(cacheDir, 'b1', 'serve')).saveCache();
    const next = cacheFileOf(cacheDir, 'b6', 'check');
    loadWithCodeCache<Bundle>(bundle, next).saveCache();
    const kept = ['b6', 'b5', 'b4', 'b3'].map((build) => cacheFileOf(cacheDir, build, 'check'));
    expect(readdirSync(cacheDir).sort()).toEqual(
      [...kept, cacheFileOf(cacheDir, 'b1', 'serve')].map((file) => file.slice(cacheDir.length + 1)).sort(),
    );
    expect(loadWithCodeCache<Bundle>(bundle, cacheFileOf(cacheDir, 'b4', 'check')).cacheUse).toBe('accepted');
  });
});

describe('cache names and folder', () => {
  it('names a cache by command, build, Node version and architecture; anything odd as a command is "other"', () => {
    expect(cacheFileOf('/c', 'abc', 'check')).toBe(`/c/check.abc.${process.version}.${process.arch}.v8`);
    expect(cacheFileOf('/c', 'abc', '../../etc/passwd')).toBe(`/c/other.abc.${process.version}.${process.arch}.v8`);
  });

  it('is STACK_DOCTOR_CACHE_DIR, else $XDG_CACHE_HOME/stack-doctor, else ~/.cache/stack-doctor', () => {
    expect(cacheDirOf({ STACK_DOCTOR_CACHE_DIR: '/x', XDG_CACHE_HOME: '/y' })).toBe('/x');
    expect(cacheDirOf({ XDG_CACHE_HOME: '/y' })).toBe('/y/stack-doctor');
    expect(cacheDirOf({})).toMatch(/\/\.cache\/stack-doctor$/);
  });
});
