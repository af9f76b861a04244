import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createFileSettings } from '../../../src/main/adapters/settings/file-settings.adapter.ts';
import { createApp } from '../../../src/main/app/create-app.ts';
import type { CliDeps } from '../../../src/main/cli/cli-deps.ts';
import { runServe } from '../../../src/main/cli/serve/serve-command.ts';
import { silentLogger } from '../../../src/main/core/ports/logger.port.ts';

export interface RunningServe {
  url: URL;
  /** Stops serve mode as SIGTERM would and resolves with its exit code. */
  stop(): Promise<number>;
}

/**
 * The real `stack-doctor serve` composition (runServe over the real app: handlers, chat and diagnosis services,
 * conf settings in `dir/config`), in this process so a test can stop it without signals. The dashboard itself is not
 * needed: the contract lives on `/ws`.
 */
export async function startServe(dir: string, workspace: string): Promise<RunningServe> {
  let stdout = '';
  let stderr = '';
  let stopServe: (signal: string) => void = () => undefined;
  let printed: (url: URL) => void = () => undefined;
  const urlPrinted = new Promise<URL>((resolve) => (printed = resolve));
  mkdirSync(join(dir, 'config'), { recursive: true });
  const env = { ...process.env, ORCHESTRATOR_SERVICE_URL: undefined };
  const deps: CliDeps = {
    stdout: {
      write: (text: string) => {
        stdout += text;
        const match = /Stack Doctor dashboard: (\S+)/.exec(stdout);
        if (match?.[1]) printed(new URL(match[1]));
        return true;
      },
    },
    stderr: { write: (text: string) => (stderr += text) },
    env,
    cwd: dir,
    openApp: (options) =>
      createApp({
        logger: silentLogger,
        settings: createFileSettings({ logger: silentLogger, cwd: join(dir, 'config') }),
        env,
        cwd: dir,
        ...(options.workspace ? { workspace: options.workspace } : {}),
      }),
    untilStopped: () => new Promise<string>((resolve) => (stopServe = resolve)),
  };
  const exited = runServe(deps, { port: 0, host: '127.0.0.1', workspace, open: false }, join(dir, 'no-renderer'));
  const url = await Promise.race([urlPrinted, exited.then((code) => Promise.reject(new Error(`serve exited with ${code}: ${stderr}`)))]);
  return {
    url,
    stop: async () => {
      stopServe('SIGTERM');
      return exited;
    },
  };
}

export type Frame =
  | { kind: 'result'; id: number | null; result: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }
  | { kind: 'event'; channel: string; payload: unknown };

/** A contract client over serve mode's WebSocket: invoke by channel, collect events in arrival order. */
export class ContractClient {
  readonly events: Array<{ channel: string; payload: unknown }> = [];
  private nextId = 1;
  private readonly pending = new Map<number, (frame: Frame & { kind: 'result' }) => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      if (frame.kind === 'event') this.events.push({ channel: frame.channel, payload: frame.payload });
      else if (frame.id !== null) this.pending.get(frame.id)?.(frame);
    });
  }

  static async connect(url: URL): Promise<ContractClient> {
    const token = url.searchParams.get('token') ?? '';
    const socket = new WebSocket(`ws://${url.host}/ws?token=${encodeURIComponent(token)}`, { headers: { Origin: `http://${url.host}` } });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new ContractClient(socket);
  }

  /** Sends one invoke frame; resolves with its result envelope. Events of the call arrive before it. */
  invoke(channel: string, payload: unknown): Promise<Frame & { kind: 'result' }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (frame) => {
        this.pending.delete(id);
        resolve(frame);
      });
      this.socket.send(JSON.stringify({ kind: 'invoke', id, channel, payload }));
    });
  }

  /** Events on `channel` since index `from`. */
  since(from: number, channel: string): unknown[] {
    return this.events
      .slice(from)
      .filter((event) => event.channel === channel)
      .map((event) => event.payload);
  }

  close(): void {
    this.socket.close();
  }
}
