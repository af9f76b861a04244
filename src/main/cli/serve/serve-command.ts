import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toDisposable } from '../../../shared/lifecycle/disposable.ts';
import type { AppServices } from '../../app/app.ts';
import { createAppContract } from '../../app/app-contract.ts';
import { createDispatcher } from '../../ipc/dispatch.ts';
import type { CliDeps } from '../cli-deps.ts';
import { ExitCode, type ExitCodeValue } from '../exit-codes.ts';
import { bundleDownloadPath } from './bundle-download.ts';
import { canOpenBrowser, openBrowser } from './open-browser.ts';
import { generateToken } from './serve-auth.ts';
import { TOKEN_ENV, tokenProblem } from './serve-token.ts';
import { checkBindHost, createWorkspacePolicy } from './serve-policy.ts';
import { DiagnoseInputError } from '../../core/errors.ts';
import { startServeServer, type ServeServer } from './serve-server.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import { packageRoot, packageVersion } from '../package-info.ts';

export interface ServeOptions {
  /** Default 0: a random free port. */
  port: number;
  /** Default 127.0.0.1. */
  host: string;
  /** Default: `STACK_DOCTOR_TOKEN` from the environment, else a fresh random token per run. At least 16 characters. */
  token?: string;
  /** Permit a non-loopback `host` (`--allow-remote`); serve then warns. Default false. */
  allowRemote?: boolean;
  workspace?: string;
  /** False with `--no-open`. */
  open: boolean;
  verbose?: boolean;
}

/** Where `npm run build` puts the renderer, in the repo and in an installed package alike. */
export const defaultRendererDir = join(packageRoot(), 'out', 'renderer');

/**
 * `stack-doctor serve`: the dashboard in a browser, with the same contract, handlers, events and periodic
 * check as the tray app. Prints the URL, runs until SIGINT/SIGTERM, then disposes the app (server first).
 */
export async function runServe(deps: CliDeps, options: ServeOptions, rendererDir = defaultRendererDir): Promise<ExitCodeValue> {
  // The env variable keeps the token out of `ps`; `--token` was already checked by the option parser.
  const envToken = deps.env[TOKEN_ENV] || undefined;
  const token = options.token ?? envToken ?? generateToken();
  const weak = options.token === undefined && envToken !== undefined ? tokenProblem(envToken) : null;
  const bind = checkBindHost(options.host, options.allowRemote ?? false);
  const refusal = weak ? `${TOKEN_ENV}: ${weak}` : bind.ok ? null : bind.message;
  if (refusal) {
    deps.stderr.write(`stack-doctor: ${refusal}\n`);
    return ExitCode.couldNotDiagnose;
  }
  if (bind.ok && bind.warning) deps.stderr.write(`stack-doctor: warning: ${bind.warning}\n`);
  let served: string | undefined;
  const app = deps.openApp({
    verbose: options.verbose ?? false,
    // Decided once, at start: the workspace being served.
    workspace: (settings) => (served ??= resolve(deps.cwd, options.workspace ?? settings.workspaces[0] ?? '.')),
  });
  const { logger, settings } = app;
  let services: AppServices;
  try {
    services = await app.services();
  } catch (error) {
    await app.dispose();
    throw error;
  }
  const workspace = app.workspace();
  const appInfo = { version: packageVersion(), workspace, host: 'serve' as const };
  const contract = createAppContract(app, services, { appInfo, downloadPath: bundleDownloadPath });
  const { handlers } = contract;
  // A dashboard client may only diagnose the served workspace and the folders in settings, never `/etc`.
  const workspaceAllowed = createWorkspacePolicy({ served: workspace, configured: () => settings.get().workspaces, cwd: deps.cwd });
  const runDiagnosis: typeof handlers.runDiagnosis = async (request) => {
    const verdict = workspaceAllowed(request.workspace);
    if (!verdict.ok) throw new DiagnoseInputError(verdict.message);
    return handlers.runDiagnosis(request);
  };
  // A repair touches the stack: the same policy applies to what it may plan for.
  const previewRepair: typeof handlers.previewRepair = async (request) => {
    const verdict = workspaceAllowed(request.workspace);
    if (!verdict.ok) throw new DiagnoseInputError(verdict.message);
    return handlers.previewRepair(request);
  };
  const dispatch = createDispatcher({ ...handlers, runDiagnosis, previewRepair }, logger);
  let server: ServeServer;
  try {
    server = await startServeServer({
      dispatch,
      subscribe: (emit) => {
        return contract.forwardEvents(emit);
      },
      rendererDir,
      host: options.host,
      allowRemote: options.allowRemote ?? false,
      port: options.port,
      token,
      logger,
      bundlesDir: services.bundle.bundlesDir,
    });
  } catch (error) {
    await app.dispose();
    const message = errorMessage(error);
    deps.stderr.write(`stack-doctor: cannot serve on ${options.host}:${options.port}: ${message}\n`);
    return ExitCode.couldNotDiagnose;
  }
  app.add(toDisposable(() => server.close()));
  // Monitoring does not depend on an open page: the main process checks on the settings' interval.
  await app.startPeriodicCheck();
  void app.startSupervision().catch((error: unknown) => logger.warn({ err: errorMessage(error) }, 'supervision not started'));
  if (!existsSync(join(rendererDir, 'index.html'))) {
    deps.stderr.write(`stack-doctor: the dashboard is not built (${rendererDir} has no index.html): run npm run build\n`);
  }
  // Listen for SIGINT/SIGTERM before the URL is out: whoever reads it may stop us at once, and a signal that
  // arrives before a listener ends the process with no exit code.
  const stopped = (deps.untilStopped ?? (() => new Promise<string>(() => undefined)))();
  deps.stdout.write(`Stack Doctor dashboard: ${server.url}\n`);
  if (options.open && canOpenBrowser(deps.env)) void openBrowser(server.url);
  const signal = await stopped;
  logger.info({ signal }, 'serve mode stopping');
  await app.dispose();
  return ExitCode.healthy;
}
