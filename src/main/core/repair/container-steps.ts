import type { ContainerInfo, RepairStep } from '../../../shared/model/index.ts';
import { lookupInContainer } from '../checks/container-lookup.ts';
import { cancelled, engineFailure, failed, type StepContext, type StepResult } from './step-context.ts';
import { waitUp } from './wait-container.ts';

type Action<K extends RepairStep['action']['kind']> = Extract<RepairStep['action'], { kind: K }>;

/**
 * The container a step acts on, read again by the id the plan recorded (never by name: a name can pass to another
 * container). Missing means the stack changed under the plan: the step fails and nothing is touched.
 */
async function current(context: StepContext, step: RepairStep): Promise<ContainerInfo | StepResult> {
  const id = step.container?.id;
  if (!id) return failed('NOT_IN_STACK', 'The step names no container of the stack.');
  try {
    return await context.engine(() => context.ports.engine.inspectContainer(id, context.timings.callTimeoutMs));
  } catch (error) {
    return engineFailure(`${step.container?.name ?? id} is gone`, error);
  }
}

function isResult(value: ContainerInfo | StepResult): value is StepResult {
  return 'ok' in value;
}

export async function startContainer(context: StepContext, step: RepairStep): Promise<StepResult> {
  const info = await current(context, step);
  if (isResult(info)) return info;
  if (info.state === 'running') return { ok: true, detail: `${info.name} was running already` };
  try {
    await context.engine(() => context.ports.engine.start(info.id, { timeoutMs: context.timings.callTimeoutMs }));
  } catch (error) {
    return engineFailure(`docker start ${info.name}`, error);
  }
  return waitUp(context, info.id);
}

export async function restartContainer(context: StepContext, step: RepairStep): Promise<StepResult> {
  const info = await current(context, step);
  if (isResult(info)) return info;
  // Never restart a container that is not (or no longer) unhealthy: that could only make things worse.
  if (info.state !== 'running' || info.health !== 'unhealthy') {
    return info.health === 'healthy'
      ? { ok: true, detail: `${info.name} is healthy again; not restarted` }
      : failed('STATE_CHANGED', `${info.name} is ${info.state}, ${info.health} now; a restart was planned for it unhealthy: not restarted`);
  }
  try {
    await context.engine(() => context.ports.engine.restart(info.id, { timeoutMs: context.timings.callTimeoutMs }));
  } catch (error) {
    return engineFailure(`docker restart ${info.name}`, error);
  }
  return waitUp(context, info.id);
}

export async function connectNetwork(context: StepContext, step: RepairStep, action: Action<'network-connect'>): Promise<StepResult> {
  const info = await current(context, step);
  if (isResult(info)) return info;
  const { network, alias } = action.params;
  if (!info.networks.some((n) => n.name === network)) {
    try {
      await context.engine(() => context.ports.engine.connectNetwork(network, info.id, { timeoutMs: context.timings.callTimeoutMs }));
    } catch (error) {
      return engineFailure(`docker network connect ${network} ${info.name}`, error);
    }
  }
  if (!alias) return { ok: true, detail: `${info.name} is on ${network}` };
  if (info.state !== 'running')
    return { ok: true, detail: `${info.name} is on ${network}; not running, so "${alias}" is looked up once it runs` };
  return verifyAlias(context, info, alias, network);
}

/** Runs the lookup inside the container until the alias resolves or the budget ends (DNS may lag the connect). */
async function verifyAlias(context: StepContext, info: ContainerInfo, alias: string, network: string): Promise<StepResult> {
  const { clock, engine } = context.ports;
  const { lookupTimeoutMs, pollMs } = context.timings;
  const started = clock.now();
  return context.engine(async () => {
    for (;;) {
      const left = Math.max(1, lookupTimeoutMs - (clock.now() - started));
      const lookup = await lookupInContainer(engine, info.id, alias, left, () => clock.now());
      if (lookup.resolves === true) return { ok: true, detail: `on ${network}; "${alias}" resolves inside ${info.name} (${lookup.note})` };
      if (lookup.failure?.code === 'NO_LOOKUP_TOOL')
        return { ok: true, detail: `on ${network}; ${info.name} has no lookup tool, so "${alias}" was not looked up inside it` };
      if (context.cancelled) return cancelled(`${info.name} was connected to ${network}`);
      if (clock.now() - started + pollMs >= lookupTimeoutMs)
        return failed(
          'ALIAS_UNRESOLVED',
          `connected to ${network}, but "${alias}" still does not resolve inside ${info.name} (${lookup.note})`,
        );
      await clock.sleep(pollMs);
    }
  });
}

export async function createService(context: StepContext, action: Action<'create-service'>, cwd: string): Promise<StepResult> {
  const { project, service, composeFiles = [], workingDir } = action.params;
  const run = await context.engine(() =>
    context.ports.compose.up({
      project,
      service,
      composeFiles,
      ...(workingDir ? { workingDir } : {}),
      cwd,
      timeoutMs: context.timings.composeTimeoutMs,
      ...(context.signal ? { signal: context.signal } : {}),
    }),
  );
  if (context.cancelled) return cancelled(`compose up ${service} was stopped (${run.output || 'no output'})`);
  if (run.timedOut) return failed('TIMEOUT', `compose did not finish within ${context.timings.composeTimeoutMs} ms: ${run.output}`);
  if (run.exitCode !== 0) return failed('COMPOSE_FAILED', `compose exited with ${run.exitCode}: ${run.output}`);
  let containers: ContainerInfo[];
  try {
    containers = await context.engine(() => context.ports.engine.listContainers(context.timings.callTimeoutMs));
  } catch (error) {
    return engineFailure('listing containers after compose up', error);
  }
  const created = containers.find(
    (c) => c.labels['com.docker.compose.project'] === project && c.labels['com.docker.compose.service'] === service,
  );
  if (!created) return failed('NOT_CREATED', `compose succeeded but no container of ${project}/${service} exists`);
  return waitUp(context, created.id);
}
