/**
 * The entry of the CLI bundle (out/cli/cli.cjs, scripts/build-cli.js): the command line, and the process's own deps
 * (logger, settings) behind a loader, so that `--help` evaluates neither. Loaded by launch.ts.
 */
import type { DeferredCliDeps } from '../main.ts';

export { runCli } from '../main.ts';

export const loadDeps: DeferredCliDeps['load'] = async () => (await import('../default-deps.ts')).processDeps();
