import { silentLogger } from '../../../../../src/main/core/ports/logger.port.ts';
import type { RepairDeps } from '../../../../../src/main/core/repair/repair-deps.ts';
import { createRepairService, type RepairService } from '../../../../../src/main/core/repair/repair-service.ts';
import type { RepairProgress } from '../../../../../src/shared/model/index.ts';
import { FakeClock } from '../../../support/fake-clock.ts';
import { FakeDiagnoser, type FakeService } from './fake-diagnoser.ts';
import { FakeCompose, FakeEngine, MemoryReports, MemorySettings } from './fake-ports.ts';

export interface Harness {
  clock: FakeClock;
  engine: FakeEngine;
  compose: FakeCompose;
  settings: MemorySettings;
  reports: MemoryReports;
  diagnoser: FakeDiagnoser;
  service: RepairService;
  events: RepairProgress[];
  /** Runs `work` while moving the fake clock 50 ms at a time, until it settles. */
  drive<T>(work: Promise<T>): Promise<T>;
}

export function harness(services: FakeService[], over: Partial<RepairDeps> = {}, engine = new FakeEngine()): Harness {
  const clock = new FakeClock();
  const compose = new FakeCompose(engine);
  const settings = new MemorySettings();
  const reports = new MemoryReports();
  const diagnoser = new FakeDiagnoser(engine, services);
  let ids = 0;
  const service = createRepairService({
    diagnoser,
    engine,
    compose,
    settings,
    reports,
    clock,
    logger: silentLogger,
    newId: () => `id-${++ids}`,
    ...over,
  });
  const events: RepairProgress[] = [];
  service.onProgress((event) => events.push(event));
  return {
    clock,
    engine,
    compose,
    settings,
    reports,
    diagnoser,
    service,
    events,
    async drive(work) {
      let settled = false;
      void work.finally(() => (settled = true)).catch(() => undefined);
      for (let i = 0; i < 10_000 && !settled; i++) await clock.advance(50);
      return work;
    },
  };
}
