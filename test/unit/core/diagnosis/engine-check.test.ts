import { describe, expect, it } from 'vitest';
import { checkEngine } from '../../../../src/main/core/diagnosis/engine-check.ts';
import { EngineError } from '../../../../src/main/core/ports/index.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { FakeEngine } from './fakes.ts';
import { incidentContainers, incidentNetworks } from './incident-stack.ts';

/** A FakeEngine whose version, listing and networks each answer only when the test says so. */
class GatedEngine extends FakeEngine {
  readonly asked: string[] = [];
  private readonly gates = new Map<string, { open: () => void; fail: (error: Error) => void }>();

  private gate<T>(name: string, value: () => Promise<T>): Promise<T> {
    this.asked.push(name);
    return new Promise<void>((open, fail) => this.gates.set(name, { open, fail })).then(value);
  }
  open(name: string): void {
    this.gates.get(name)?.open();
  }
  fail(name: string, error: Error): void {
    this.gates.get(name)?.fail(error);
  }

  override version(): Promise<{ version: string; apiVersion: string }> {
    return this.gate('version', () => super.version());
  }
  override listContainers(): ReturnType<FakeEngine['listContainers']> {
    return this.gate('containers', () => super.listContainers());
  }
  override listNetworks(): ReturnType<FakeEngine['listNetworks']> {
    return this.gate('networks', () => super.listNetworks());
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('checkEngine', () => {
  it('asks the version, the containers and the networks at once, not the listing after the version', async () => {
    const engine = new GatedEngine(incidentContainers(), incidentNetworks);
    const checked = checkEngine(engine, 1500, new FakeClock());
    await tick();
    // Nothing has answered yet, and all three requests are out.
    expect(engine.asked.sort()).toEqual(['containers', 'networks', 'version']);
    engine.open('containers');
    engine.open('networks');
    engine.open('version');
    const result = await checked;
    expect(result.report).toMatchObject({ ok: true, version: '26.1.5' });
    expect(result.report.probe.detail).toMatchObject({ containers: incidentContainers().length });
    expect(result.containers).toHaveLength(incidentContainers().length);
    expect(result.networks).toEqual(incidentNetworks);
  });

  it("reports the version's error when every call fails, as when the version was asked first", async () => {
    const engine = new GatedEngine([], []);
    const checked = checkEngine(engine, 1500, new FakeClock());
    await tick();
    engine.fail('containers', new EngineError('ENGINE_UNREACHABLE', 'list containers: connection refused'));
    engine.fail('networks', new EngineError('ENGINE_UNREACHABLE', 'list networks: connection refused'));
    await tick();
    engine.fail('version', new EngineError('ENGINE_UNREACHABLE', 'get the engine version: connection refused'));
    const result = await checked;
    expect(result.report.ok).toBe(false);
    expect(result.report.probe.error).toEqual({ code: 'ENGINE_UNREACHABLE', message: 'get the engine version: connection refused' });
    expect(result.containers).toBeNull();
    expect(result.networks).toEqual([]);
  });

  it('is unreachable when the listing alone fails, with the listing error', async () => {
    const engine = new GatedEngine([], []);
    const checked = checkEngine(engine, 1500, new FakeClock());
    await tick();
    engine.open('version');
    engine.open('networks');
    engine.fail('containers', new EngineError('ENGINE_UNREACHABLE', 'list containers: no answer within 1500 ms'));
    const result = await checked;
    expect(result.report).toMatchObject({ ok: false, probe: { error: { message: 'list containers: no answer within 1500 ms' } } });
    expect(result.containers).toBeNull();
  });
});
