import { resolve } from 'node:path';
import type { Command } from 'commander';
import { errorMessage } from '../../../shared/error-message.ts';
import type { CliDeps } from '../cli-deps.ts';

/** `stack-doctor bundle` exit codes. */
export const BundleExitCode = { written: 0, failed: 3 } as const;

export interface BundleCommandOptions {
  out?: string;
  workspace?: string;
  json?: boolean;
  verbose?: boolean;
}

/**
 * `stack-doctor bundle`: diagnoses the workspace (a one-shot process has no recent diagnosis to reuse), then
 * writes the redacted diagnostics bundle and prints its path (or the BundleResult as JSON). Exit 0 written,
 * 3 when it cannot be written.
 */
export async function runBundleCommand(deps: CliDeps, options: BundleCommandOptions): Promise<number> {
  const workspace = resolve(deps.cwd, options.workspace ?? '.');
  const app = deps.openApp({ verbose: options.verbose ?? false, workspace: () => workspace });
  try {
    const { bundle } = await app.services();
    const result = await bundle.create({ workspace, ...(options.out !== undefined ? { out: resolve(deps.cwd, options.out) } : {}) });
    if (options.json) deps.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      deps.stdout.write(`${result.path}\n`);
      deps.stderr.write(`${result.entries.length} entries, ${result.bytes} bytes; secrets redacted (see manifest.json inside)\n`);
    }
    return BundleExitCode.written;
  } catch (error) {
    deps.stderr.write(`stack-doctor: cannot write the diagnostics bundle: ${errorMessage(error)}\n`);
    return BundleExitCode.failed;
  } finally {
    await app.dispose();
  }
}

export function registerBundleCommand(program: Command, deps: CliDeps, setCode: (code: number) => void): void {
  program
    .command('bundle')
    .description('write a redacted diagnostics bundle (tar.gz) to attach to a bug report; exit 0 written, 3 failed')
    .option('--out <file>', 'archive path, or an existing folder to put it in (default: the app data folder, bundles/)')
    .option('--workspace <dir>', 'workspace to diagnose for the bundle (default: the current directory)')
    .option('--json', 'print the result (path, bytes, entries) as one JSON object')
    .action(async (_options: unknown, command: Command) => {
      setCode(await runBundleCommand(deps, command.optsWithGlobals<BundleCommandOptions>()));
    });
}
