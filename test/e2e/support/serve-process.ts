import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { terminate, waitForStdoutMatch } from './child-process.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const rendererIndex = join(repoRoot, 'out', 'renderer', 'index.html');
const URL_LINE = /Stack Doctor dashboard: (http:\/\/\S+)/;

/** Options for {@link startServe}. */
export interface ServeProcessOptions {
  /** The workspace the dashboard diagnoses (`--workspace`). */
  workspace: string;
  /** How long to wait for the URL line on stdout, ms. Default 20 000 (tsx compiles the sources on start). */
  startTimeoutMs?: number;
}

/** A running `stack-doctor serve` child process. */
export interface ServeProcess {
  /** The printed dashboard URL, token included: `http://127.0.0.1:PORT/?token=T`. */
  url: string;
  /** `http://127.0.0.1:PORT`, without the token. */
  origin: string;
  token: string;
  /** What the process wrote to stderr so far (for failure messages). */
  stderr(): string;
  /** The last `lines` lines of its structured log (for failure messages; supervision logs every event). */
  logTail(lines?: number): Promise<string>;
  /** SIGTERM, then SIGKILL if it has not exited after 5 s; removes its config and log dirs. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts `node bin/stack-doctor.js serve --port 0 --workspace DIR --no-open` with its settings and logs in
 * fresh temp dirs (so the developer's own settings never leak in), and resolves once it prints its URL.
 */
export async function startServe(options: ServeProcessOptions): Promise<ServeProcess> {
  if (!existsSync(rendererIndex)) {
    throw new Error(`The dashboard is not built: ${rendererIndex} is missing. Run \`npm run build\` before \`npx playwright test\`.`);
  }
  const stateDir = await mkdtemp(join(tmpdir(), 'stack-doctor-e2e-state-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    STACK_DOCTOR_CONFIG_DIR: join(stateDir, 'config'),
    STACK_DOCTOR_LOG_DIR: join(stateDir, 'logs'),
  };
  // The scenario configures its orchestrator in the workspace's stack-doctor.yaml; an inherited URL would win.
  delete env['ORCHESTRATOR_SERVICE_URL'];
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'bin', 'stack-doctor.js'), 'serve', '--port', '0', '--workspace', options.workspace, '--no-open'],
    {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await terminate(child, exited);
      await rm(stateDir, { recursive: true, force: true });
    })());

  try {
    const url = await waitForStdoutMatch(child, URL_LINE, 'stack-doctor serve', options.startTimeoutMs ?? 20_000, () => stderr);
    const parsed = new URL(url);
    const logTail = async (lines = 80): Promise<string> => {
      const text = await readFile(join(stateDir, 'logs', 'stack-doctor.log'), 'utf8').catch((e: unknown) => `(no log: ${String(e)})`);
      return text.trimEnd().split('\n').slice(-lines).join('\n');
    };
    return { url, origin: parsed.origin, token: parsed.searchParams.get('token') ?? '', stderr: () => stderr, logTail, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
