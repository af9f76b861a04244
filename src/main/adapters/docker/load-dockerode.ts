import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import type Docker from 'dockerode';

const require = createRequire(import.meta.url);

/**
 * Puts a stand-in for the CommonJS module `file` in the require cache, which loads the real module on first use and
 * forwards to it. `methods` undefined: the module exports one function, and the stand-in is a function. Otherwise the
 * module exports an object, and the stand-in has these methods.
 */
function deferModule(file: string, methods?: string[]): void {
  if (require.cache[file]) return;
  let real: unknown;
  const load = (): unknown => {
    if (real === undefined) {
      delete require.cache[file];
      real = require(file);
    }
    return real;
  };
  const standIn = new Module(file);
  standIn.filename = file;
  standIn.loaded = true;
  standIn.exports = methods
    ? Object.fromEntries(
        methods.map((name) => [name, (...args: unknown[]) => (load() as Record<string, (...a: unknown[]) => unknown>)[name]!(...args)]),
      )
    : function deferred(this: unknown, ...args: unknown[]): unknown {
        return (load() as (...a: unknown[]) => unknown).apply(this, args);
      };
  require.cache[file] = standIn;
}

let loaded: typeof Docker | undefined;

/**
 * dockerode, without what it loads eagerly but needs only for rare calls: docker-modem's `ssh.js` (ssh2 and its
 * crypto, used only for `ssh://` engines), dockerode's `session.js` (gRPC and protobufjs, used only for
 * BuildKit sessions) and tar-fs (build contexts). Requiring dockerode plainly costs ~125–215 ms on this machine, ~30–55 ms this way
 * (bench/README.md). All three are deferred, not dropped: the first ssh:// connection loads ssh2 as before.
 */
export function loadDockerode(): typeof Docker {
  if (loaded) return loaded;
  const dockerodeMain = require.resolve('dockerode');
  const modemMain = createRequire(dockerodeMain).resolve('docker-modem');
  deferModule(join(dirname(modemMain), 'ssh.js'));
  deferModule(join(dirname(dockerodeMain), 'session.js'));
  // tar-fs (29 files, ~15 ms CPU, ~28 ms wall) packs build contexts: `buildImage` only.
  deferModule(createRequire(dockerodeMain).resolve('tar-fs'), ['pack', 'extract']);
  loaded = require('dockerode') as typeof Docker;
  return loaded;
}
