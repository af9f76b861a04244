import { toDisposable } from '../../../../../src/shared/lifecycle/disposable.ts';
import { EngineError } from '../../../../../src/main/core/ports/engine-error.ts';
import type { EngineControlPort, EngineReadPort, ExecResult, SettingsPort } from '../../../../../src/main/core/ports/index.ts';
import type { ComposePort, ComposeUpRequest } from '../../../../../src/main/core/ports/repair-compose.port.ts';
import type { RepairReportPort } from '../../../../../src/main/core/ports/repair-report.port.ts';
import type { ContainerInfo, RepairReport, Settings } from '../../../../../src/shared/model/index.ts';
import { settingsSchema } from '../../../../../src/shared/model/index.ts';

/**
 * An engine in memory: containers by id, what each control call does to them, and a record of every call.
 * `afterStart` decides the state a started or restarted container takes (default running, healthy when it has a
 * HEALTHCHECK); `healthSequence` makes its health go through states, one per inspection.
 */
export class FakeEngine implements EngineReadPort, EngineControlPort {
  readonly endpoint = { endpoint: 'unix:///fake.sock' };
  readonly calls: string[] = [];
  readonly containers = new Map<string, ContainerInfo>();
  /** Health reported by successive inspections after a start/restart, by container id (the last one sticks). */
  readonly healthSequence = new Map<string, ContainerInfo['health'][]>();
  private readonly activeHealth = new Map<string, ContainerInfo['health'][]>();
  /** Containers whose start fails with this engine error. */
  readonly failStart = new Map<string, EngineError>();
  /** alias → network on which it resolves. */
  readonly aliases = new Map<string, string>();

  add(container: ContainerInfo): void {
    this.containers.set(container.id, structuredClone(container));
  }

  private get(id: string): ContainerInfo {
    const found = this.containers.get(id) ?? [...this.containers.values()].find((c) => c.name === id);
    if (!found) throw new EngineError('NOT_FOUND', `No such container: ${id}`);
    return found;
  }

  version = async () => ({ version: '1', apiVersion: '1.41' });
  listContainers = async () => [...this.containers.values()].map((c) => structuredClone(c));
  listNetworks = async () => [];

  async inspectContainer(id: string): Promise<ContainerInfo> {
    const container = this.get(id);
    const sequence = this.activeHealth.get(container.id);
    if (sequence && sequence.length > 0)
      container.health = sequence.length > 1 ? (sequence.shift() as ContainerInfo['health']) : (sequence[0] as ContainerInfo['health']);
    return structuredClone(container);
  }

  async exec(id: string, argv: string[]): Promise<ExecResult> {
    this.calls.push(`exec ${argv.join(' ')}`);
    const container = this.get(id);
    const network = this.aliases.get(argv[2] ?? '');
    const resolves = network !== undefined && container.networks.some((n) => n.name === network);
    return resolves
      ? { exitCode: 0, stdout: `172.30.0.9  ${argv[2]}\n`, stderr: '', timedOut: false }
      : { exitCode: 2, stdout: '', stderr: '', timedOut: false };
  }

  async start(id: string): Promise<void> {
    this.calls.push(`start ${id}`);
    const failure = this.failStart.get(id);
    if (failure) throw failure;
    this.up(this.get(id));
  }

  async restart(id: string): Promise<void> {
    this.calls.push(`restart ${id}`);
    this.up(this.get(id));
  }

  private up(container: ContainerInfo): void {
    container.state = 'running';
    if (container.health !== 'none') container.health = 'starting';
    const sequence = this.healthSequence.get(container.id);
    if (sequence) this.activeHealth.set(container.id, [...sequence]);
  }

  async stop(id: string): Promise<void> {
    this.calls.push(`stop ${id}`);
  }

  async kill(id: string): Promise<void> {
    this.calls.push(`kill ${id}`);
  }

  async connectNetwork(network: string, id: string): Promise<void> {
    this.calls.push(`connect ${network} ${id}`);
    this.get(id).networks.push({ name: network, aliases: [], ipAddress: '172.30.0.5' });
  }

  async disconnectNetwork(network: string, id: string): Promise<void> {
    this.calls.push(`disconnect ${network} ${id}`);
  }

  inspectSpec = async (): Promise<never> => {
    throw new EngineError('ENGINE_ERROR', 'not in the fake');
  };
  createContainer = async (): Promise<never> => {
    throw new EngineError('ENGINE_ERROR', 'not in the fake');
  };
  removeContainer = async (): Promise<void> => undefined;
}

/** A compose CLI that "creates" the service in the fake engine, or fails with the given output. */
export class FakeCompose implements ComposePort {
  readonly requests: ComposeUpRequest[] = [];
  constructor(
    private readonly engine: FakeEngine,
    private readonly outcome: { exitCode: number; output: string } = { exitCode: 0, output: 'Creating shop_api_1 ... done' },
  ) {}

  detect = async () => ({ kind: 'v1' as const, argv0: ['docker-compose'], version: '1.29.2' });

  async up(request: ComposeUpRequest) {
    this.requests.push(request);
    if (this.outcome.exitCode === 0) {
      this.engine.add({
        id: `id-created-${request.service}`,
        name: `${request.project}_${request.service}_1`,
        image: 'busybox',
        state: 'running',
        status: 'Up',
        exitCode: 0,
        restartCount: 0,
        health: 'none',
        labels: { 'com.docker.compose.project': request.project, 'com.docker.compose.service': request.service },
        envTargets: [],
        networks: [],
        ports: [],
      });
    }
    return { argv: ['docker-compose', 'up'], exitCode: this.outcome.exitCode, timedOut: false, output: this.outcome.output, durationMs: 1 };
  }
}

export class MemorySettings implements SettingsPort {
  settings: Settings = settingsSchema.parse({});
  get = (): Settings => this.settings;
  update = (patch: Partial<Settings>): Settings => (this.settings = { ...this.settings, ...patch });
  onChange = () => toDisposable(() => undefined);
}

export class MemoryReports implements RepairReportPort {
  readonly written: Array<{ report: RepairReport; markdown: string }> = [];
  async write(report: RepairReport, markdown: string) {
    this.written.push({ report, markdown });
    return { json: `/data/repairs/${report.id}.json`, markdown: `/data/repairs/${report.id}.md` };
  }
}
