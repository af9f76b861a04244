import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import Docker from 'dockerode';
import { TEST_IMAGE } from '../../support/busybox-image.ts';

const run = promisify(execFile);

/**
 * A second, private Docker engine for one test file: its own socket, data root and exec root, started in its own
 * network namespace (`unshare --net`) with `--bridge=none --iptables=false`, so it cannot touch the shared engine's
 * docker0 or iptables. Its containers use network mode `none`.
 */
export interface SecondEngine {
  /** `unix:///…/engine.sock`, for DOCKER_HOST. */
  readonly host: string;
  readonly docker: Docker;
  /** Where its daemon log goes (read it when a test fails). */
  readonly logFile: string;
  /** Starts dockerd (again, on the same data root) and resolves once it answers. */
  start(): Promise<void>;
  /** `kill -9` of dockerd (its managed containerd dies with it); resolves once the process is gone. */
  crash(): Promise<void>;
  /** Copies the busybox test image from the shared engine (`docker save | docker load`). */
  loadTestImage(): Promise<void>;
  /** Stops the daemon, unmounts whatever it left under its roots and removes them. */
  dispose(): Promise<void>;
}

/** Whether this machine can run a second engine here: root, with dockerd and unshare on the PATH. */
export const canRunSecondEngine = (): boolean => process.getuid?.() === 0;

/**
 * Waits until the crashed daemon's containerd is dead (it is killed with its parent, but not at the same instant, and
 * may linger as a zombie nobody reaps here), then removes its pid file: a dockerd that finds the pid of a live
 * process there waits for that containerd instead of starting its own, and times out.
 */
async function containerdGone(pidFile: string): Promise<void> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  const deadline = Date.now() + 10_000;
  while (pid > 0 && Date.now() < deadline) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // Field 3 is the state; a zombie (Z) is dead, only not reaped.
    if (stat === '' || stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) break;
    await new Promise((done) => setTimeout(done, 50));
  }
  await rm(pidFile, { force: true });
}

export async function createSecondEngine(): Promise<SecondEngine> {
  const base = await mkdtemp(join(tmpdir(), 'sd-engine-'));
  const socket = join(base, 'engine.sock');
  const dataRoot = join(base, 'data');
  const execRoot = join(base, 'exec');
  const pidFile = join(base, 'dockerd.pid');
  const logFile = join(base, 'dockerd.log');
  const host = `unix://${socket}`;
  const docker = new Docker({ socketPath: socket });
  let daemon: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const answers = async (): Promise<boolean> => {
    try {
      await docker.ping();
      return true;
    } catch {
      return false;
    }
  };

  const start = async (): Promise<void> => {
    // A daemon killed with -9 leaves its pid file; the next one refuses to start beside it.
    await rm(pidFile, { force: true });
    const log = openSync(logFile, 'a');
    const child = spawn(
      'unshare',
      [
        '--net',
        'dockerd',
        ...['--host', host, '--data-root', dataRoot, '--exec-root', execRoot, '--pidfile', pidFile],
        ...['--storage-driver', 'vfs', '--iptables=false', '--ip-masq=false', '--bridge=none'],
      ],
      { stdio: ['ignore', log, log] },
    );
    closeSync(log);
    daemon = child;
    exited = new Promise((done) => child.once('exit', () => done()));
    const deadline = Date.now() + 30_000;
    while (!(await answers())) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`the second dockerd exited at start:\n${(await readFile(logFile, 'utf8')).slice(-2000)}`);
      if (Date.now() > deadline) throw new Error(`the second dockerd did not answer within 30 s (log: ${logFile})`);
      await new Promise((done) => setTimeout(done, 100));
    }
  };

  const stop = async (signal: NodeJS.Signals, withinMs: number): Promise<void> => {
    const child = daemon;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), withinMs);
    await exited;
    clearTimeout(timer);
  };

  return {
    host,
    docker,
    logFile,
    start,
    async crash() {
      await stop('SIGKILL', 0);
      await containerdGone(join(execRoot, 'containerd', 'containerd.pid'));
    },
    async loadTestImage() {
      const save = spawn('docker', ['save', TEST_IMAGE], { stdio: ['ignore', 'pipe', 'inherit'] });
      const load = spawn('docker', ['--host', host, 'load', '--quiet'], { stdio: ['pipe', 'ignore', 'inherit'] });
      save.stdout.pipe(load.stdin);
      const codes = await Promise.all([save, load].map((p) => new Promise<number | null>((done) => p.once('close', done))));
      if (codes.some((c) => c !== 0)) throw new Error(`docker save | docker load ended with ${codes.join(', ')}`);
    },
    async dispose() {
      // A graceful stop ends the containers (and their shims) too; then nothing should be left mounted. A daemon
      // left crashed is started once more first: its restore stops the containers its shims still run.
      if (daemon && (daemon.exitCode !== null || daemon.signalCode !== null)) await start().catch(() => undefined);
      await stop('SIGTERM', 20_000);
      const mounts = (await readFile('/proc/self/mountinfo', 'utf8'))
        .split('\n')
        .map((line) => line.split(' ')[4])
        .filter((point): point is string => point !== undefined && (point === base || point.startsWith(`${base}/`)))
        .sort((a, b) => b.length - a.length);
      for (const point of mounts) await run('umount', ['-l', point]).catch(() => undefined);
      await rm(base, { recursive: true, force: true });
    },
  };
}
