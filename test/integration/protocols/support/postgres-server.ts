import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { closedPort } from '../../adapters/network/local-servers.ts';
import { startProcess } from './child-process.ts';

const run = promisify(execFile);
const INSTALL_HINT = 'install the Debian package postgresql (binaries under /usr/lib/postgresql/<version>/bin)';

/** A real PostgreSQL on 127.0.0.1, its cluster and unix socket in a temp dir. */
export interface PostgresServer {
  host: '127.0.0.1';
  port: number;
  /** initdb, ms. */
  initdbMs: number;
  /** From spawning postgres to "ready to accept connections", ms. */
  startupMs: number;
  stop(): Promise<void>;
}

/**
 * initdb into a temp dir and start postgres on a free port. PostgreSQL refuses to run as root: as root, the
 * temp dir is given to the `postgres` user and both run under its uid/gid (spawn's own uid/gid options, so
 * signals reach postgres itself, not a runuser wrapper).
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const asUser: { uid?: number; gid?: number } = process.getuid?.() === 0 ? postgresUser() : {};
  const dir = await mkdtemp(join(tmpdir(), 'sd-pg-'));
  try {
    if (asUser.uid !== undefined && asUser.gid !== undefined) await chown(dir, asUser.uid, asUser.gid);
    const data = join(dir, 'data');
    const initStart = performance.now();
    await run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'], {
      ...asUser,
      cwd: dir,
    });
    const initdbMs = Math.round(performance.now() - initStart);
    const port = await closedPort();
    const started = performance.now();
    const args = ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'];
    const server = startProcess(join(bin, 'postgres'), args, { ...asUser, cwd: dir, installHint: INSTALL_HINT });
    try {
      await server.waitFor(/database system is ready to accept connections/, 20_000);
    } catch (error) {
      await server.stop('SIGKILL');
      throw error;
    }
    return {
      host: '127.0.0.1',
      port,
      initdbMs,
      startupMs: Math.round(performance.now() - started),
      stop: async () => {
        await server.stop('SIGINT'); // fast shutdown
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The newest /usr/lib/postgresql/<version>/bin that has a postgres binary; fails loudly when there is none. */
function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  const found = versions
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(root, v, 'bin'))
    .find((d) => existsSync(join(d, 'postgres')));
  if (!found) throw new Error(`PostgreSQL not found under ${root}: ${INSTALL_HINT}`);
  return found;
}

function postgresUser(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (!uid || !gid) throw new Error(`No postgres user to run PostgreSQL as (running as root): ${INSTALL_HINT}`);
  return { uid: Number(uid), gid: Number(gid) };
}
