import { fileURLToPath } from 'node:url';
import type { CliIo } from '../cli-deps.ts';
import type * as CliBundleModule from './cli-bundle.ts';
import { cacheDirOf, cacheFileOf, loadWithCodeCache } from './code-cache.ts';

/** A hash of out/cli/cli.cjs, put here by scripts/build-cli.js: a cache is only ever offered to the build it came from. */
declare const STACK_DOCTOR_CLI_BUILD_ID: string;

type CliBundle = typeof CliBundleModule;

/**
 * Runs the built CLI (out/cli/cli.cjs) with V8's code cache, one per command (see code-cache.ts), and stores the
 * cache once the command has answered when this run compiled the code itself. Returns the exit code.
 */
export async function launch(argv: string[], io: CliIo): Promise<number> {
  const bundle = fileURLToPath(new URL('./cli.cjs', import.meta.url));
  const cacheFile = cacheFileOf(cacheDirOf(io.env), STACK_DOCTOR_CLI_BUILD_ID, (argv[2] ?? 'help').replace(/^-+/, ''));
  const cli = loadWithCodeCache<CliBundle>(bundle, cacheFile);
  const code = await cli.exports.runCli(argv, { ...io, load: cli.exports.loadDeps });
  cli.saveCache();
  return code;
}
