import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { ExecResult } from '../../core/ports/index.ts';
import { EngineError } from '../../core/ports/index.ts';
import { closedError } from './deadline.ts';
import { toEngineError } from './engine-error.mapper.ts';

/** Output kept per stream; the rest is dropped so a chatty command cannot fill memory. */
export const EXEC_OUTPUT_CAP_BYTES = 64 * 1024;

/** How the engine words "the executable is not there / not runnable" when it fails the exec start. */
const NOT_FOUND_PATTERN = /executable file not found|no such file or directory|not found in \$PATH/i;
/** How the engine words "the container stopped between create and start". */
const NOT_RUNNING_PATTERN = /is not running|container stopped|is paused|is restarting/i;

/**
 * Runs argv in a running container and collects its output. Resolves for any exit code and on timeout
 * (`timedOut: true`, the stream is destroyed; the process may keep running, the engine has no exec kill).
 * Rejects with EngineError only when the engine is unreachable, or the container is missing (NOT_FOUND)
 * or not running (CONFLICT).
 */
export async function runExec(
  docker: Docker,
  endpoint: string,
  containerId: string,
  argv: string[],
  timeoutMs: number,
  parent: AbortSignal,
): Promise<ExecResult> {
  const what = `exec in container ${containerId.slice(0, 12)}`;
  if (parent.aborted) throw closedError(endpoint, what);
  const deadline = Date.now() + timeoutMs;
  const controller = new AbortController();
  // Closing the adapter ends the exec like a timeout does: the stream is released, nothing waits on.
  const onParentAbort = (): void => {
    controller.abort();
    stream?.destroy();
  };
  parent.addEventListener('abort', onParentAbort, { once: true });
  const stdout = new CappedSink();
  const stderr = new CappedSink();
  let execId: string | undefined;
  // Accounted for: the caller learns which exec may still run in the container (no exec kill in the API).
  const timedOut = (): ExecResult => ({
    exitCode: null,
    stdout: stdout.text(),
    stderr: stderr.text(),
    timedOut: true,
    ...(execId ? { execId } : {}),
  });
  let timer: NodeJS.Timeout | undefined;
  let stream: Readable | undefined;

  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      stream?.destroy();
      resolve('timeout');
    }, timeoutMs);
  });

  const work = async (): Promise<ExecResult> => {
    const exec = await docker
      .getContainer(containerId)
      .exec({ Cmd: argv, AttachStdout: true, AttachStderr: true, abortSignal: controller.signal })
      .catch((error: unknown) => {
        throw toEngineError(error, endpoint, what);
      });
    execId = exec.id;

    try {
      stream = (await exec.start({ Detach: false, Tty: false, abortSignal: controller.signal })) as Readable;
    } catch (error) {
      const failed = toEngineError(error, endpoint, what);
      if (failed.code === 'ENGINE_UNREACHABLE' || failed.code === 'NOT_FOUND' || failed.code === 'CONFLICT') throw failed;
      if (NOT_RUNNING_PATTERN.test(failed.message)) throw new EngineError('CONFLICT', failed.message, error);
      // Some engines refuse to start an exec whose executable is missing or not runnable: that is the
      // command's result, reported with the shell's exit codes (127 not found, 126 cannot execute).
      const exitCode = NOT_FOUND_PATTERN.test(failed.message) ? 127 : 126;
      return { exitCode, stdout: '', stderr: failed.message, timedOut: false };
    }
    if (controller.signal.aborted) {
      stream.destroy();
      return timedOut();
    }

    await new Promise<void>((resolve) => {
      const active = stream as Readable;
      docker.modem.demuxStream(active, stdout, stderr);
      active.on('end', resolve);
      active.on('close', resolve);
      active.on('error', () => resolve());
    });
    if (controller.signal.aborted) return timedOut();

    const exitCode = await exitCodeOf(exec, deadline, controller.signal);
    if (exitCode === undefined) return timedOut();
    return normaliseRuntimeFailure({ exitCode, stdout: stdout.text(), stderr: stderr.text(), timedOut: false });
  };

  try {
    const outcome = await Promise.race([work(), timeout]);
    if (parent.aborted) throw closedError(endpoint, what);
    return outcome === 'timeout' ? timedOut() : outcome;
  } catch (error) {
    if (parent.aborted) throw closedError(endpoint, what);
    if (controller.signal.aborted && !(error instanceof EngineError)) return timedOut();
    throw error instanceof EngineError ? error : toEngineError(error, endpoint, what);
  } finally {
    clearTimeout(timer);
    parent.removeEventListener('abort', onParentAbort);
  }
}

/** The runtime's own words when it could not start the process at all (engine 20.10 and later). */
const RUNTIME_FAILURE_PATTERN = /^OCI runtime exec failed/;

/**
 * When the runtime cannot start the executable, engines write its error unframed on the output stream
 * (so it lands in stdout) and report exit 126 whatever the reason. Callers need to tell "tool missing"
 * from "tool failed", so the message moves to stderr and a missing executable reports 127, as a shell does.
 */
function normaliseRuntimeFailure(result: ExecResult): ExecResult {
  if ((result.exitCode !== 126 && result.exitCode !== 127) || !RUNTIME_FAILURE_PATTERN.test(result.stdout)) return result;
  const message = result.stdout.trim();
  return {
    exitCode: NOT_FOUND_PATTERN.test(message) ? 127 : 126,
    stdout: '',
    stderr: result.stderr === '' ? message : `${message}\n${result.stderr}`,
    timedOut: false,
  };
}

/**
 * The exit code once the engine has recorded it; the output stream can end a moment before the engine
 * marks the exec as finished, so inspect is retried briefly. undefined when the deadline passes first.
 */
async function exitCodeOf(exec: Docker.Exec, deadline: number, signal: AbortSignal): Promise<number | null | undefined> {
  for (let attempt = 0; ; attempt++) {
    const info = await exec.inspect({ abortSignal: signal });
    if (!info.Running) return info.ExitCode ?? null;
    if (Date.now() >= deadline || signal.aborted) return undefined;
    // Abortable, so a closed adapter leaves no timer behind.
    await sleep(Math.min(5 * 2 ** attempt, 100), undefined, { signal }).catch(() => undefined);
  }
}

/** A Writable that keeps the first EXEC_OUTPUT_CAP_BYTES bytes written to it. */
class CappedSink extends Writable {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    const room = EXEC_OUTPUT_CAP_BYTES - this.size;
    if (room > 0) {
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      this.chunks.push(kept);
      this.size += kept.length;
    }
    callback();
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
