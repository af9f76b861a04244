import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../src/main/core/ports/engine-error.ts';
import { createStackServiceControl, type StackServiceControlDeps } from '../../../src/main/app/stack-service-control.ts';
import type { ContainerInfo, ServiceReport } from '../../../src/shared/model/index.ts';
import { runningContainer } from '../support/container-info.ts';
import { diagnosis } from '../renderer/diagnosis-fixture.ts';

const labels = (project: string, service: string) => ({ 'com.docker.compose.project': project, 'com.docker.compose.service': service });

function container(name: string, over: Partial<ContainerInfo> = {}): ContainerInfo {
  return runningContainer({ id: `id-${name}`, name: `shop-${name}-1`, labels: labels('shop', name), ...over });
}

function report(name: string, c: ContainerInfo | null): ServiceReport {
  return { name, project: 'shop', role: 'service', container: c, dependsOn: [], probes: [] };
}

type ControlEngine = StackServiceControlDeps['engine'];

/** The engine as the control sees it: containers by id, and every call recorded. */
class MemoryEngine implements ControlEngine {
  readonly calls: string[] = [];
  constructor(readonly containers = new Map<string, ContainerInfo>()) {}
  async inspectContainer(id: string): Promise<ContainerInfo> {
    this.calls.push(`inspect ${id}`);
    const found = this.containers.get(id);
    if (!found) throw new EngineError('NOT_FOUND', `no such container: ${id}`);
    return found;
  }
  async start(id: string): Promise<void> {
    this.calls.push(`start ${id}`);
  }
  async stop(id: string): Promise<void> {
    this.calls.push(`stop ${id}`);
  }
  async restart(id: string): Promise<void> {
    this.calls.push(`restart ${id}`);
  }
}

describe('tray service actions: only the stack, and directly (the user’s own)', () => {
  const web = container('web');
  const last = diagnosis({ services: [report('web', web), report('worker', null)] });

  it('stops, starts and restarts a service of the stack by the container id the diagnosis recorded', async () => {
    const engine = new MemoryEngine(new Map([[web.id, web]]));
    const control = createStackServiceControl({ lastDiagnosis: () => last, engine });
    expect(await control.act('stop', 'web')).toEqual({ ok: true, message: 'Stopped web (shop-web-1).' });
    expect(await control.act('start', 'web')).toMatchObject({ ok: true, message: 'Started web (shop-web-1).' });
    expect(await control.act('restart', 'web')).toMatchObject({ ok: true });
    expect(engine.calls).toEqual([`inspect id-web`, 'stop id-web', 'inspect id-web', 'start id-web', 'inspect id-web', 'restart id-web']);
  });

  it('refuses a name that is not a service of the stack, and one without a container: the engine is never called', async () => {
    const engine = new MemoryEngine(new Map([[web.id, web]]));
    const control = createStackServiceControl({ lastDiagnosis: () => last, engine });
    expect(await control.act('stop', 'postgres')).toEqual({
      ok: false,
      code: 'NOT_IN_STACK',
      message: 'postgres is not a service of the stack; nothing was done.',
    });
    expect(await control.act('start', 'worker')).toMatchObject({ ok: false, code: 'NOT_IN_STACK' });
    expect(engine.calls).toEqual([]);
  });

  it('refuses before the first check', async () => {
    const control = createStackServiceControl({ lastDiagnosis: () => null, engine: new MemoryEngine() });
    expect(await control.act('stop', 'web')).toMatchObject({ ok: false, code: 'NOT_CHECKED' });
  });

  it('refuses when the recorded container now belongs to another project or service, or is gone', async () => {
    const relabelled = new MemoryEngine(new Map([[web.id, { ...web, labels: labels('other', 'web') }]]));
    const control = createStackServiceControl({ lastDiagnosis: () => last, engine: relabelled });
    expect(await control.act('stop', 'web')).toEqual({
      ok: false,
      code: 'STACK_CHANGED',
      message: 'shop-web-1 is no longer web of the stack; check again.',
    });
    expect(relabelled.calls).toEqual(['inspect id-web']);
    const gone = createStackServiceControl({ lastDiagnosis: () => last, engine: new MemoryEngine() });
    expect(await gone.act('restart', 'web')).toEqual({ ok: false, code: 'STACK_CHANGED', message: 'shop-web-1 is gone; check again.' });
  });

  it('an engine failure is a value naming the action', async () => {
    const engine = new MemoryEngine(new Map([[web.id, web]]));
    engine.stop = async () => {
      throw new EngineError('ENGINE_UNREACHABLE', 'connect ENOENT /var/run/docker.sock');
    };
    const control = createStackServiceControl({ lastDiagnosis: () => last, engine });
    expect(await control.act('stop', 'web')).toEqual({
      ok: false,
      code: 'ENGINE_ERROR',
      message: 'Could not stop web: connect ENOENT /var/run/docker.sock',
    });
  });
});
