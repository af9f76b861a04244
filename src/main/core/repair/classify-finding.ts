import { commandFor, commandLine } from '../../../shared/command/fix-command.ts';
import { shellLine } from '../../../shared/command/shell-quote.ts';
import type { ChangeAction, Finding, NeedsYou, RepairAction } from '../../../shared/model/index.ts';
import { actionEffect } from '../../../shared/model/index.ts';
import type { ComposeCli } from '../ports/repair-compose.port.ts';
import { manualReason, noActionReason } from './needs-you.reasons.ts';
import { serviceKey, type StackIndex } from './stack-index.ts';
import { describeConnect, describeCreate, describePin, describeRestart, describeStart } from './step-describe.ts';
import { refOf, type StepDraft } from './step-draft.ts';

/** What a repair does about one finding: a step it runs, or a "needs you" it explains and leaves alone. */
export type Classified = { kind: 'step'; step: StepDraft } | { kind: 'needs-you'; item: NeedsYou };

export interface ClassifyContext {
  stack: StackIndex;
  compose: ComposeCli | null;
}

/**
 * The repair rules. A step is planned only when the action is a `change` and the diagnosis shows it is safe:
 * the container belongs to the workspace's stack, a start only for an exited/created one, a restart only for a
 * running container whose HEALTHCHECK fails (never a healthy one, never a crash loop), a connect only to a network
 * of the stack. Everything else is "needs you", with the finding's fix text, and never touched.
 */
export function classifyFinding(finding: Finding, context: ClassifyContext): Classified {
  const action = finding.fix.action;
  if (!action) return needsYou(finding, noActionReason(finding));
  if (actionEffect(action.kind) !== 'change') return needsYou(finding, manualReason(action));
  return classifyChange(finding, action as ChangeAction, context);
}

function classifyChange(finding: Finding, action: ChangeAction, { stack, compose }: ClassifyContext): Classified {
  const base = {
    answers: [refOf(finding)],
    command: commandLine(action),
    ...(finding.fix.lasting ? { lasting: finding.fix.lasting } : {}),
  };
  switch (action.kind) {
    case 'start-container': {
      const found = stack.container(action.params.container);
      if (!found) return needsYou(finding, outsideStack(action.params.container));
      const { container, service } = found;
      if (container.state === 'dead')
        return needsYou(finding, 'The container is dead: the engine cannot start it again; remove and recreate it.');
      if (container.state === 'running' || container.state === 'restarting')
        return needsYou(finding, `${container.name} is ${container.state} already: starting it changes nothing.`);
      return step({
        ...base,
        kind: 'start-container',
        key: `start|${container.id}`,
        title: `Start ${container.name}`,
        action,
        container: { id: container.id, name: container.name, service: service.name, project: service.project },
        serviceKey: serviceKey(service.project, service.name),
        ...describeStart(container),
      });
    }
    case 'restart-container': {
      if (finding.id === 'CONTAINER_RESTARTING')
        return needsYou(finding, 'It keeps crashing: the cause is in its code or configuration, and a restart does not change that.');
      if (finding.id !== 'CONTAINER_UNHEALTHY')
        return needsYou(finding, 'The process runs but does not serve: restarting it does not change its code or configuration.');
      const found = stack.container(action.params.container);
      if (!found) return needsYou(finding, outsideStack(action.params.container));
      const { container, service } = found;
      if (container.state !== 'running' || container.health !== 'unhealthy')
        return needsYou(
          finding,
          `${container.name} is not running unhealthy now (${container.state}, ${container.health}): not restarted.`,
        );
      return step({
        ...base,
        kind: 'restart-container',
        key: `restart|${container.id}`,
        title: `Restart ${container.name}`,
        action,
        container: { id: container.id, name: container.name, service: service.name, project: service.project },
        serviceKey: serviceKey(service.project, service.name),
        ...describeRestart(container),
      });
    }
    case 'network-connect': {
      const { network, alias } = action.params;
      const found = stack.container(action.params.container);
      if (!found) return needsYou(finding, outsideStack(action.params.container));
      if (!stack.hasNetwork(network))
        return needsYou(finding, `Network ${network} is not one of this stack's networks: Stack Doctor connects only within the stack.`);
      const { container, service } = found;
      return step({
        ...base,
        kind: 'network-connect',
        key: `connect|${network}|${container.id}`,
        title: `Connect ${container.name} to ${network}`,
        action,
        container: { id: container.id, name: container.name, service: service.name, project: service.project },
        serviceKey: serviceKey(service.project, service.name),
        ...describeConnect(container, network, alias),
      });
    }
    case 'create-service':
      return classifyCreate(finding, action, stack, compose);
    case 'pin-orchestrator-target':
      if (stack.diagnosis.runtime.kind !== 'host')
        return needsYou(finding, 'Inside a container localhost is the container itself: pinning it would make things worse.');
      return step({
        ...base,
        kind: 'pin-orchestrator-target',
        key: 'pin',
        title: `Pin the orchestrator target to ${action.params.url}`,
        action,
        ...describePin(action.params.url),
      });
    case 'start-devcontainer':
      return needsYou(finding, 'Stack Doctor does not open dev containers: your editor or the devcontainer CLI does.');
    default:
      return action satisfies never;
  }
}

function classifyCreate(
  finding: Finding,
  action: Extract<ChangeAction, { kind: 'create-service' }>,
  stack: StackIndex,
  compose: ComposeCli | null,
): Classified {
  const { project, service } = action.params;
  const report = stack.service(project, service);
  if (!report) return needsYou(finding, `${project}/${service} is not a service of this stack.`);
  if (report.container) return needsYou(finding, `${project}/${service} has a container already.`);
  const files = action.params.composeFiles ?? stack.projectFiles(project);
  // The project directory stays compose's default (the first file's folder), as when the user runs it there.
  const filled: ChangeAction = {
    kind: 'create-service',
    params: { project, service, ...(files.length > 0 ? { composeFiles: files } : {}) },
  };
  const argv = commandFor(filled);
  if (!compose || !argv) {
    const line = argv ? shellLine(argv) : undefined;
    return needsYou(
      finding,
      'No compose CLI is installed here (neither the `docker compose` plugin nor `docker-compose`): run the command yourself.',
      line,
    );
  }
  // `docker compose …` as data; with v1 the same arguments follow `docker-compose`.
  const asRun = [...compose.argv0, ...argv.slice(2)];
  return step({
    answers: [refOf(finding)],
    command: shellLine(asRun),
    kind: 'create-service',
    key: `create|${project}|${service}`,
    title: `Create ${project}/${service}`,
    action: filled,
    serviceKey: serviceKey(project, service),
    ...describeCreate(project, service, compose, files),
  });
}

function step(draft: StepDraft): Classified {
  return { kind: 'step', step: draft };
}

function outsideStack(container: string): string {
  return `${container} is not a container of this workspace's stack: Stack Doctor acts only on the stack's own containers.`;
}

function needsYou(finding: Finding, why: string, command?: string): Classified {
  const shown = command ?? commandLine(finding.fix.action as RepairAction | undefined) ?? finding.fix.command;
  return {
    kind: 'needs-you',
    item: {
      finding: refOf(finding),
      why,
      fix: finding.fix.description,
      ...(shown ? { command: shown } : {}),
      ...(finding.fix.lasting ? { lasting: finding.fix.lasting } : {}),
    },
  };
}
