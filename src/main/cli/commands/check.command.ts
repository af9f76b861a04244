import { resolve } from 'node:path';
import * as z from 'zod';
import { diagnosisSchema, type Diagnosis } from '../../../shared/model/index.ts';
import { DiagnoseInputError } from '../../core/errors.ts';
import type { CliDeps } from '../cli-deps.ts';
import { ExitCode, exitCodeForDiagnosis, type ExitCodeValue } from '../exit-codes.ts';
import { formatCheckReport } from '../format/check-report.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import { describeIssue } from '../../../shared/zod-issue.ts';

export interface CheckOptions {
  workspace?: string;
  project?: string[];
  timeout?: number;
  orchestratorUrl?: string;
  json?: boolean;
  /** False with `--no-color`. */
  color: boolean;
  verbose?: boolean;
}

/** One line on stderr for exit 3; the stack only with --verbose. */
export function reportFailure(deps: CliDeps, message: string, error: unknown, verbose: boolean): ExitCodeValue {
  deps.stderr.write(`stack-doctor: ${message}\n`);
  if (verbose && error instanceof Error && error.stack) deps.stderr.write(`${error.stack}\n`);
  return ExitCode.couldNotDiagnose;
}

async function diagnose(deps: CliDeps, options: CheckOptions): Promise<Diagnosis | ExitCodeValue> {
  // A one-shot command: the app's services without its periodic check.
  const app = deps.openApp({ verbose: options.verbose ?? false });
  try {
    // The diagnosis alone: the chat client, supervisor, smoke, bundle and repair services never load for `check`.
    const diagnosis = await app.diagnosis();
    return await diagnosis.diagnose({
      // The CLI diagnoses where it is run, unlike the app which starts from its configured workspace.
      workspace: resolve(deps.cwd, options.workspace ?? '.'),
      projects: options.project,
      timeoutMs: options.timeout,
      orchestratorUrl: options.orchestratorUrl,
    });
  } catch (error) {
    if (error instanceof DiagnoseInputError) return reportFailure(deps, error.message, error, options.verbose ?? false);
    const message = errorMessage(error);
    app.logger.error({ err: message }, 'check failed unexpectedly');
    return reportFailure(deps, `could not diagnose: ${message}`, error, options.verbose ?? false);
  } finally {
    await app.dispose();
  }
}

/** `stack-doctor check`: one diagnosis, printed as a report or as the Diagnosis JSON; returns the exit code. */
export async function runCheck(deps: CliDeps, options: CheckOptions): Promise<ExitCodeValue> {
  // A one-shot process parses each schema about once: zod's JIT (code generated per object schema on its first
  // parse) costs more than it saves here, e.g. 5–17 ms vs 2 ms for the first parse of the printed diagnosis.
  z.config({ jitless: true });
  const outcome = await diagnose(deps, options);
  if (typeof outcome === 'number') return outcome;
  const parsed = diagnosisSchema.safeParse(outcome);
  if (!parsed.success) {
    return reportFailure(
      deps,
      `internal error: diagnosis does not match its schema (${describeIssue(parsed.error.issues[0])})`,
      parsed.error,
      options.verbose ?? false,
    );
  }
  const diagnosis = parsed.data;
  if (options.json) deps.stdout.write(`${JSON.stringify(diagnosis, null, 2)}\n`);
  else {
    const color = options.color && deps.stdout.isTTY === true && !deps.env.NO_COLOR;
    deps.stdout.write(formatCheckReport(diagnosis, { color }));
  }
  const code = exitCodeForDiagnosis(diagnosis);
  if (code === ExitCode.couldNotDiagnose) {
    const invalid = diagnosis.findings.find((finding) => finding.id === 'CONFIG_INVALID');
    deps.stderr.write(`stack-doctor: invalid stack config: ${invalid?.subject}: ${invalid?.summary}\n`);
  }
  return code;
}
