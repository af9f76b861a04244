import type { ContainerInfo, ProbeResult } from '../../../../src/shared/model/index.ts';
import {
  EngineError,
  type EngineReadPort,
  type ExecResult,
  type FileRead,
  type NetworkInfo,
  type NetworkProbePort,
  type RuntimeSignalsPort,
  type WorkspacePort,
} from '../../../../src/main/core/ports/index.ts';
import type { DiagnoseDeps } from '../../../../src/main/core/diagnosis/diagnose-deps.ts';
import { silentLogger } from '../../../../src/main/core/ports/logger.port.ts';
import { FakeClock } from '../../support/fake-clock.ts';

/** What happened, in order: `start <probe>` / `end <probe>`; concurrency is asserted on it. */
export type EventLog = string[];

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** An engine behind the port: containers and networks in memory; exec runs `getent hosts` against them. */
export class FakeEngine implements EngineReadPort {
  readonly endpoint = { endpoint: 'unix:///fake/docker.sock' };
  unreachable = false;
  execCalls: string[][] = [];

  constructor(
    public containers: ContainerInfo[],
    public networks: NetworkInfo[],
  ) {}

  private check(): void {
    if (this.unreachable) throw new EngineError('ENGINE_UNREACHABLE', `Cannot connect to ${this.endpoint.endpoint}`);
  }

  async version(): Promise<{ version: string; apiVersion: string }> {
    this.check();
    return { version: '26.1.5', apiVersion: '1.45' };
  }

  async listContainers(): Promise<ContainerInfo[]> {
    this.check();
    return this.containers;
  }

  async listNetworks(): Promise<NetworkInfo[]> {
    this.check();
    return this.networks;
  }

  async inspectContainer(id: string): Promise<ContainerInfo> {
    this.check();
    const found = this.containers.find((c) => c.id === id || c.name === id);
    if (!found) throw new EngineError('NOT_FOUND', `inspect container ${id}: no such container`);
    return found;
  }

  /** Docker's embedded DNS, as getent sees it: names of running containers on a shared user-defined network. */
  async exec(containerId: string, argv: string[]): Promise<ExecResult> {
    this.check();
    this.execCalls.push(argv);
    const consumer = this.containers.find((c) => c.id === containerId);
    const host = argv[2] ?? '';
    if (argv[0] !== 'getent' || !consumer) return { exitCode: 127, stdout: '', stderr: `${argv[0]}: not found`, timedOut: false };
    const dnsNets = new Set(this.networks.filter((n) => n.hasDns).map((n) => n.name));
    const mine = consumer.networks.filter((n) => dnsNets.has(n.name)).map((n) => n.name);
    for (const other of this.containers) {
      if (other.state !== 'running') continue;
      const hit = other.networks.find((n) => mine.includes(n.name) && (n.aliases.includes(host) || other.name === host));
      if (hit) return { exitCode: 0, stdout: `${hit.ipAddress}     ${host}\n`, stderr: '', timedOut: false };
    }
    return { exitCode: 2, stdout: '', stderr: '', timedOut: false };
  }
}

export interface ScriptedProbe {
  /** Real-timer delay before answering, ms (default 0). */
  delayMs?: number;
  ok?: boolean;
  code?: string;
  detail?: Record<string, unknown>;
}

/**
 * Network probes with scripted answers and delays. Unscripted lookups of single-label names fail with
 * ENOTFOUND (as docker aliases do on a host); everything else unscripted succeeds.
 */
export class FakeNet implements NetworkProbePort {
  constructor(
    private readonly script: Record<string, ScriptedProbe> = {},
    readonly events: EventLog = [],
    /** Delay of every unscripted probe, ms (real timers). */
    private readonly defaultDelayMs = 0,
  ) {}

  private async answer(kind: ProbeResult['kind'], target: string, fallback: ScriptedProbe): Promise<ProbeResult> {
    const key = `${kind} ${target}`;
    const s = this.script[key] ?? { delayMs: this.defaultDelayMs, ...fallback };
    this.events.push(`start ${key}`);
    if (s.delayMs) await delay(s.delayMs);
    this.events.push(`end ${key}`);
    const ok = s.ok ?? true;
    return {
      kind,
      target,
      from: 'host',
      ok,
      latencyMs: s.delayMs ?? 0,
      ...(ok ? {} : { error: { code: s.code ?? 'ECONNREFUSED', message: `${s.code ?? 'ECONNREFUSED'} ${target}` } }),
      ...(s.detail ? { detail: s.detail } : {}),
    };
  }

  lookup(host: string): Promise<ProbeResult> {
    const alias = !host.includes('.') && host !== 'localhost';
    return this.answer('dns-host', host, alias ? { ok: false, code: 'ENOTFOUND' } : { detail: { addresses: ['127.0.0.1'] } });
  }

  tcpConnect(host: string, port: number): Promise<ProbeResult> {
    const alias = !host.includes('.') && host !== 'localhost';
    return this.answer('tcp', `${host}:${port}`, alias ? { ok: false, code: 'ENOTFOUND' } : {});
  }

  httpGet(url: string): Promise<ProbeResult> {
    const alias = /^https?:\/\/[^.:/]+:/.test(url) && !url.includes('//localhost');
    return this.answer('http', url, alias ? { ok: false, code: 'ENOTFOUND' } : { detail: { status: 200 } });
  }

  wsHandshake(url: string): Promise<ProbeResult> {
    return this.answer('ws', url, {});
  }
}

/** In-memory files; every parent of a file is a directory. */
export class MemoryWorkspace implements WorkspacePort {
  private readonly dirs = new Set<string>();

  constructor(
    private readonly files: Record<string, string>,
    extraDirs: string[] = [],
  ) {
    for (const dir of extraDirs) this.dirs.add(dir);
    for (const path of Object.keys(files)) {
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) this.dirs.add(parts.slice(0, i).join('/') || '/');
    }
  }

  async resolve(dir: string): Promise<string> {
    return dir.length > 1 ? dir.replace(/\/+$/, '') : dir;
  }

  async isDirectory(path: string): Promise<boolean> {
    return this.dirs.has(path);
  }

  async list(dir: string): Promise<string[]> {
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    return Object.keys(this.files)
      .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
      .map((p) => p.slice(prefix.length));
  }

  async read(path: string): Promise<FileRead> {
    const text = this.files[path];
    return text === undefined ? { kind: 'missing' } : { kind: 'text', text };
  }
}

export const hostSignals: RuntimeSignalsPort = {
  read: async () => ({ dockerenvExists: false, env: {}, cgroup: '0::/init.scope', mountinfo: '', hostname: 'laptop' }),
};

export function deps(over: Partial<DiagnoseDeps> & Pick<DiagnoseDeps, 'engine' | 'net' | 'workspace'>): DiagnoseDeps {
  let n = 0;
  return {
    runtime: hostSignals,
    clock: new FakeClock(1000, Date.parse('2025-01-02T03:04:05.000Z') - 1000),
    logger: silentLogger,
    newId: () => `run-${++n}`,
    ...over,
  };
}
