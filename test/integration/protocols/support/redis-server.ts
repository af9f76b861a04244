import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { closedPort } from '../../adapters/network/local-servers.ts';
import { startProcess, type ServerProcess } from './child-process.ts';

const run = promisify(execFile);
const INSTALL_HINT = 'install the Debian package redis-server (it also brings redis-cli)';

/** A real redis-server on 127.0.0.1, in its own temp dir, with persistence off. */
export interface RedisServer {
  host: '127.0.0.1';
  port: number;
  password: string | undefined;
  /** From spawn to "Ready to accept connections", ms. */
  startupMs: number;
  /** Runs redis-cli against this server (argument vector, no shell); resolves with its stdout. */
  cli(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** Starts redis-server on a free port (retrying if another process takes the port first). */
export async function startRedis(options: { password?: string } = {}): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'sd-redis-'));
  for (let attempt = 1; ; attempt++) {
    const port = await closedPort();
    const started = performance.now();
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--logfile',
      '',
    ];
    if (options.password) args.push('--requirepass', options.password);
    const server = startProcess('redis-server', args, { installHint: INSTALL_HINT });
    try {
      await server.waitFor(/Ready to accept connections/, 10_000);
      return handle(server, dir, port, options.password, performance.now() - started);
    } catch (error) {
      await server.stop('SIGKILL');
      if (attempt < 3 && /Address already in use/.test(server.output())) continue;
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }
}

function handle(server: ServerProcess, dir: string, port: number, password: string | undefined, startupMs: number): RedisServer {
  const auth = password ? ['--no-auth-warning', '-a', password] : [];
  return {
    host: '127.0.0.1',
    port,
    password,
    startupMs: Math.round(startupMs),
    cli: async (...args) => (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...auth, ...args])).stdout.trim(),
    stop: async () => {
      await server.stop('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
