import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import type Docker from 'dockerode';

const require = createRequire(import.meta.url);

/**
 * Puts a stand-in for the CommonJS module `file` in the require cache: a function that loads the real module on
 * its first call and forwards to it. Both stand-ins below replace modules whose only export is one function.
 */
function deferModule(file: string): void {
  if (require.cache[file]) return;
  let real: ((...args: unknown[]) => unknown) | undefined;
  const standIn = new Module(file);
  standIn.filename = file;
  standIn.loaded = true;
  standIn.exports = function deferred(this: unknown, ...args: unknown[]): unknown {
    if (real === undefined) {
      delete require.cache[file];
      real = require(file) as (...args: unknown[]) => unknown;
    }
    return real.apply(this, args);
  };
  require.cache[file] = standIn;
}

let loaded: typeof Docker | undefined;

/**
 * dockerode, without what it loads eagerly but needs only for rare calls: docker-modem's `ssh.js` (ssh2 and its
 * crypto, used only for `ssh://` engines) and dockerode's `session.js` (gRPC and protobufjs, used only for
 * BuildKit sessions). Requiring dockerode plainly costs ~125–215 ms on this machine, ~30–55 ms this way
 * (bench/README.md). Both modules are deferred, not dropped: the first ssh:// connection loads ssh2 as before.
 */
export function loadDockerode(): typeof Docker {
  if (loaded) return loaded;
  const dockerodeMain = require.resolve('dockerode');
  const modemMain = createRequire(dockerodeMain).resolve('docker-modem');
  deferModule(join(dirname(modemMain), 'ssh.js'));
  deferModule(join(dirname(dockerodeMain), 'session.js'));
  loaded = require('dockerode') as typeof Docker;
  return loaded;
}
