import { once } from 'node:events';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createStream } from 'rotating-file-stream';
import { redactText } from '../../../shared/redact.ts';
import type { Logger } from '../../core/ports/logger.port.ts';
import { prettyLogLine } from './pretty-line.ts';

export interface LoggerOptions {
  /** Directory of `stack-doctor.log` (created when missing). See `defaultLogDir`. */
  dir: string;
  /** Log at debug level and echo every line, human-readable, to stderr. Default false (info, file only). */
  verbose: boolean;
  /** pino `name` field. Default `stack-doctor`. */
  name?: string;
  /** Where verbose lines go. Default `process.stderr`. */
  echo?: NodeJS.WritableStream;
}

/** Rotation: a new file past 1 MiB, the 5 latest rotated files kept (`stack-doctor.log.1` … `.5`). */
const ROTATE_SIZE = '1M';
const ROTATE_KEEP = 5;

/**
 * The CLI's log folder: `STACK_DOCTOR_LOG_DIR`, else `$XDG_STATE_HOME/stack-doctor`, else
 * `~/.local/state/stack-doctor`.
 */
export function defaultLogDir(env: Record<string, string | undefined> = process.env): string {
  if (env.STACK_DOCTOR_LOG_DIR) return env.STACK_DOCTOR_LOG_DIR;
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'stack-doctor');
}

/** pino's overloaded methods, narrowed to the port (core never sees pino). */
function toPort(p: pino.Logger): Logger {
  return {
    child: (bindings) => toPort(p.child(bindings)),
    debug: (obj, msg) => p.debug(obj, msg),
    info: (obj, msg) => p.info(obj, msg),
    warn: (obj, msg) => p.warn(obj, msg),
    error: (obj, msg) => p.error(obj, msg),
  };
}

/**
 * Structured JSON-lines logging to a rotating file; the doctor adds a `correlationId` per diagnosis
 * through child loggers. Every line is redacted (src/shared/redact.ts) before it is written. `close()`
 * flushes and closes the file (await it before exiting).
 */
export function createLogger(options: LoggerOptions): { logger: Logger; close(): Promise<void> } {
  const level = options.verbose ? 'debug' : 'info';
  const file = createStream('stack-doctor.log', { path: options.dir, size: ROTATE_SIZE, rotate: ROTATE_KEEP });
  // A log file that cannot be written must not take the diagnosis down with it.
  file.on('error', (error: Error) => (options.echo ?? process.stderr).write(`stack-doctor: log file error: ${error.message}\n`));
  const streams: pino.StreamEntry[] = [{ level, stream: file }];
  if (options.verbose) {
    const echo = options.echo ?? process.stderr;
    const pretty = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line) echo.write(`${prettyLogLine(line)}\n`);
        done();
      },
    });
    streams.push({ level, stream: pretty });
  }
  // The last line of defence: whatever a caller logged, URL credentials, `token=` values and secret-named
  // fields are hidden in the serialised line before it reaches the file or the terminal.
  const root = pino({ name: options.name ?? 'stack-doctor', level, hooks: { streamWrite: redactText } }, pino.multistream(streams));
  let closed: Promise<void> | null = null;
  return {
    logger: toPort(root),
    close() {
      closed ??= (async () => {
        root.flush();
        const finished = once(file, 'finish');
        file.end();
        await finished;
      })();
      return closed;
    },
  };
}
