import { fixOf, inlineCommand } from '../../../shared/command/fix-command.ts';
import type { ChangeAction, Fix, Finding, LookAction, StackService } from '../../../shared/model/index.ts';
import { containerStateResult } from '../checks/container-state.mapper.ts';
import { refusedFix, refusedName } from './refused-names.ts';
import { dependentsOf, serviceLabel } from './service-names.ts';

/**
 * Container state findings: CONTAINER_EXITED, CONTAINER_RESTARTING, CONTAINER_UNHEALTHY, SERVICE_NOT_CREATED.
 * `services` is the whole stack, so "others depend on it" can be decided.
 */
export function containerFindings(services: StackService[]): Finding[] {
  return services.flatMap((service) => serviceFindings(service, services));
}

function serviceFindings(service: StackService, all: StackService[]): Finding[] {
  const container = service.container;
  const subject = serviceLabel(service);
  if (!container) {
    if (!service.declared) return [];
    const isDev = service.role === 'devcontainer';
    return [
      {
        id: 'SERVICE_NOT_CREATED',
        severity: 'warning',
        subject,
        summary: `${subject} is declared but has no container`,
        cause: isDev
          ? 'The devcontainer is configured in this workspace but no container carries its devcontainer.local_folder label.'
          : `Service "${service.name}" is in the compose file of project ${service.project} but the engine has no container for it.`,
        evidence: [],
        fix: isDev ? devcontainerUpFix() : createServiceFix(service),
      },
    ];
  }
  const probe = containerStateResult(container);
  // Docker named the container, but a stack's labels and a hostile engine are not to be trusted blindly.
  const refused = refusedName(['container', container.name]);
  const start: ChangeAction = { kind: 'start-container', params: { container: container.name } };
  const restart: ChangeAction = { kind: 'restart-container', params: { container: container.name } };
  const logs: LookAction = { kind: 'show-logs', params: { container: container.name, tail: 50 } };
  const checked = (build: () => Fix): Fix => (refused ? refusedFix(refused) : build());
  if (container.state === 'restarting') {
    return [
      {
        id: 'CONTAINER_RESTARTING',
        severity: 'error',
        subject,
        summary: `${container.name} keeps restarting (${container.restartCount} restart${container.restartCount === 1 ? '' : 's'})`,
        cause: `The process exits (last exit code ${container.exitCode}) and the restart policy starts it again.`,
        evidence: [probe],
        fix: checked(() =>
          fixOf({
            description: `Read why it exits: ${inlineCommand(logs)}, fix the cause (config, missing dependency), then restart it.`,
            look: logs,
            action: restart,
          }),
        ),
      },
    ];
  }
  if (container.state === 'exited' || container.state === 'dead' || container.state === 'created') {
    const dependents = dependentsOf(all, service);
    const clean = container.exitCode === 0 && container.state !== 'dead';
    // A clean exit of something nobody needs is a finished one-shot job, not a problem.
    if (clean && dependents.length === 0) return [];
    const needed =
      dependents.length > 0 ? ` ${dependents.map(serviceLabel).join(', ')} depend${dependents.length === 1 ? 's' : ''} on it.` : '';
    const what = container.state === 'created' ? 'was created but never started' : `exited with code ${container.exitCode}`;
    return [
      {
        id: 'CONTAINER_EXITED',
        severity: clean ? 'warning' : 'error',
        subject,
        summary: `${container.name} ${what}`,
        cause: `${container.status || container.state}.${needed}${clean ? '' : ` Exit code ${container.exitCode} means the process failed; its logs say why.`}`,
        evidence: [probe],
        fix: checked(() =>
          fixOf({
            description: clean
              ? `Start it again: ${inlineCommand(start)}.`
              : `Check ${inlineCommand(logs)}, fix the cause, then ${inlineCommand(start)}.`,
            action: start,
          }),
        ),
      },
    ];
  }
  if (container.state === 'running' && container.health === 'unhealthy') {
    return [
      {
        id: 'CONTAINER_UNHEALTHY',
        severity: 'error',
        subject,
        summary: `${container.name} is running but its Docker HEALTHCHECK fails`,
        cause: container.healthLog
          ? `Docker reports health "unhealthy" (${container.status}); the last check said: ${container.healthLog}`
          : `Docker reports health "unhealthy" (${container.status}).`,
        evidence: [probe],
        fix: checked(() => {
          const health: LookAction = { kind: 'inspect-health', params: { container: container.name } };
          return fixOf({
            description: `See the failing checks with ${inlineCommand(health)}; restart it once the cause is fixed.`,
            look: health,
            action: restart,
          });
        }),
      },
    ];
  }
  return [];
}

function devcontainerUpFix(): Fix {
  const up: ChangeAction = { kind: 'start-devcontainer', params: { workspaceFolder: '.' } };
  return fixOf({
    description: `Open the folder in its dev container ("Dev Containers: Reopen in Container") or run ${inlineCommand(up)}.`,
    action: up,
  });
}

/** `docker compose -p P up -d S`, or why not when the project or service name cannot be valid. */
function createServiceFix(service: StackService): Fix {
  const refused = refusedName(['project', service.project], ['service', service.name]);
  if (refused) return refusedFix(refused);
  return fixOf({
    description: `Create and start it: ${inlineCommand(['docker', 'compose', 'up', '-d', service.name])} in the project folder.`,
    action: { kind: 'create-service', params: { project: service.project, service: service.name } },
  });
}
