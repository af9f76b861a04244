import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../../../src/main/adapters/clock/system-clock.ts';
import { DockerEngineAdapter } from '../../../../src/main/adapters/docker/docker-engine.adapter.ts';
import { NetworkProbeAdapter } from '../../../../src/main/adapters/network/network-probe.adapter.ts';
import { ComposeCliAdapter } from '../../../../src/main/adapters/repair/compose-cli.adapter.ts';
import { ReportWriterAdapter } from '../../../../src/main/adapters/repair/report-writer.adapter.ts';
import { RuntimeSignalsAdapter } from '../../../../src/main/adapters/runtime/runtime-signals.adapter.ts';
import { createFileSettings } from '../../../../src/main/adapters/settings/file-settings.adapter.ts';
import { WorkspaceFilesAdapter } from '../../../../src/main/adapters/workspace/workspace-files.adapter.ts';
import { createDiagnosisService } from '../../../../src/main/app/create-diagnosis-service.ts';
import type { DiagnosisService } from '../../../../src/main/app/diagnosis-service.ts';
import { silentLogger } from '../../../../src/main/core/ports/logger.port.ts';
import type { RuntimeSignalsPort, SettingsPort } from '../../../../src/main/core/ports/index.ts';
import type { ComposePort } from '../../../../src/main/core/ports/repair-compose.port.ts';
import type { RepairDeps } from '../../../../src/main/core/repair/repair-deps.ts';
import { createRepairService, type RepairService } from '../../../../src/main/core/repair/repair-service.ts';
import type { RepairProgress } from '../../../../src/shared/model/index.ts';

/**
 * Where a developer runs the tray app: on the host. This CI machine is itself a container (/.dockerenv), where the
 * localhost fallback is never pinned; tests of the host-side incident say "host" through this port.
 */
export const HOST_RUNTIME: RuntimeSignalsPort = {
  read: async () => ({ dockerenvExists: false, env: {}, cgroup: '', mountinfo: '', hostname: 'laptop' }),
};

export interface RepairHarness {
  engine: DockerEngineAdapter;
  doctor: DiagnosisService;
  settings: SettingsPort & { readonly path: string };
  reports: ReportWriterAdapter;
  service: RepairService;
  events: RepairProgress[];
  dispose(): Promise<void>;
}

export interface HarnessOptions {
  runtime?: RuntimeSignalsPort;
  compose?: ComposePort;
  deps?: Partial<RepairDeps>;
}

/**
 * The repair service over the real adapters, as the app will wire it: the engine adapter (read and control), the
 * Doctor (real discovery and probes) as the Diagnoser, the compose CLI, a real conf settings store and the report
 * writer, the last two in a temp folder. The caller disposes.
 */
export async function repairHarness(options: HarnessOptions = {}): Promise<RepairHarness> {
  const root = await mkdtemp(join(tmpdir(), 'sd-repair-'));
  const engine = DockerEngineAdapter.fromEnvironment();
  const settings = createFileSettings({ logger: silentLogger, cwd: join(root, 'config') });
  // The engine is shared with other test runs: past the 1.5 s default a slow ping reads as DOCKER_UNREACHABLE (as the
  // CLI tests' own settings file does, give the probes room; a probe that answers costs the same).
  settings.update({ probeTimeoutMs: 15_000 });
  const doctor = createDiagnosisService({
    engine,
    net: new NetworkProbeAdapter(),
    workspace: new WorkspaceFilesAdapter(),
    runtime: options.runtime ?? new RuntimeSignalsAdapter(),
    clock: systemClock,
    logger: silentLogger,
    newId: randomUUID,
    settings,
    cwd: root,
    env: {},
  });
  const reports = new ReportWriterAdapter({ dataDir: join(root, 'data') });
  const service = createRepairService({
    diagnoser: { diagnose: (workspace) => doctor.diagnose({ workspace }) },
    engine,
    compose: options.compose ?? new ComposeCliAdapter(),
    settings,
    reports,
    clock: systemClock,
    logger: silentLogger,
    newId: randomUUID,
    ...options.deps,
  });
  const events: RepairProgress[] = [];
  service.onProgress((event) => events.push(event));
  return {
    engine,
    doctor,
    settings,
    reports,
    service,
    events,
    async dispose() {
      await service.dispose();
      await doctor.dispose();
      await engine.dispose();
      await rm(root, { recursive: true, force: true });
    },
  };
}
