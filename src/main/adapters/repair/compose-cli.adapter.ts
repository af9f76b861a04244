import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { ComposeCli, ComposePort, ComposeRunResult, ComposeUpRequest } from '../../core/ports/repair-compose.port.ts';

/** Options of {@link ComposeCliAdapter}. */
export interface ComposeCliOptions {
  /** Environment of the CLI (DOCKER_HOST, DOCKER_CONTEXT, compose's interpolation variables). Default process.env. */
  env?: Record<string, string | undefined>;
  /**
   * The CLIs to try, in order. Default: the v2 plugin (`docker compose`), then Debian's v1 (`docker-compose`).
   * Tests pass a missing binary to see the "no compose CLI" path.
   */
  candidates?: Array<Pick<ComposeCli, 'kind' | 'argv0'>>;
  /** Budget of a `version` probe, ms. Default 10 000. */
  detectTimeoutMs?: number;
}

const DEFAULT_CANDIDATES: Array<Pick<ComposeCli, 'kind' | 'argv0'>> = [
  { kind: 'v2', argv0: ['docker', 'compose'] },
  { kind: 'v1', argv0: ['docker-compose'] },
];
const OUTPUT_CAP = 2000;

interface Ran {
  exitCode: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

/**
 * The compose CLI over execFile: an argument vector, no shell, so a project or service name is one argument
 * whatever it holds (they are validated names too). Never rejects for a failing command.
 */
export class ComposeCliAdapter implements ComposePort {
  private detected: Promise<ComposeCli | null> | undefined;
  private readonly env: Record<string, string | undefined>;

  constructor(private readonly options: ComposeCliOptions = {}) {
    this.env = options.env ?? process.env;
  }

  detect(): Promise<ComposeCli | null> {
    this.detected ??= this.probe();
    return this.detected;
  }

  async up(request: ComposeUpRequest): Promise<ComposeRunResult> {
    const cli = await this.detect();
    if (!cli) throw new Error('No compose CLI is installed (neither `docker compose` nor `docker-compose`).');
    const argv = [
      ...cli.argv0,
      '-p',
      request.project,
      ...(request.workingDir ? ['--project-directory', request.workingDir] : []),
      ...request.composeFiles.flatMap((file) => ['-f', file]),
      'up',
      '-d',
      request.service,
    ];
    const started = performance.now();
    const ran = await run(argv, {
      cwd: request.cwd,
      env: this.env,
      timeoutMs: request.timeoutMs,
      ...(request.signal ? { signal: request.signal } : {}),
    });
    return {
      argv,
      exitCode: ran.exitCode,
      timedOut: ran.timedOut,
      output: tail(`${ran.stdout}\n${ran.stderr}`.trim()),
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  private async probe(): Promise<ComposeCli | null> {
    for (const candidate of this.options.candidates ?? DEFAULT_CANDIDATES) {
      const ran = await run([...candidate.argv0, 'version', '--short'], {
        env: this.env,
        timeoutMs: this.options.detectTimeoutMs ?? 10_000,
      });
      const version = ran.stdout.trim().split('\n')[0]?.trim() ?? '';
      // `docker compose` without the plugin exits non-zero ("unknown command"); a missing binary is ENOENT.
      if (ran.exitCode === 0 && /^v?\d+\.\d+/.test(version)) return { ...candidate, version: version.replace(/^v/, '') };
    }
    return null;
  }
}

function run(
  argv: string[],
  options: { cwd?: string; env: Record<string, string | undefined>; timeoutMs: number; signal?: AbortSignal },
): Promise<Ran> {
  const [file = '', ...args] = argv;
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        cwd: options.cwd,
        env: options.env,
        timeout: options.timeoutMs,
        maxBuffer: 8 * 1024 * 1024,
        windowsHide: true,
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ exitCode: 0, timedOut: false, stdout, stderr });
        const failure = error as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
        const exitCode = typeof failure.code === 'number' ? failure.code : null;
        const timedOut = failure.killed === true && exitCode === null;
        const why = typeof failure.code === 'string' ? `${file}: ${failure.code}` : '';
        resolve({ exitCode: exitCode ?? (timedOut ? null : 127), timedOut, stdout, stderr: `${stderr}${why}` });
      },
    );
  });
}

function tail(text: string): string {
  return text.length > OUTPUT_CAP ? `…${text.slice(text.length - OUTPUT_CAP + 1)}` : text;
}
