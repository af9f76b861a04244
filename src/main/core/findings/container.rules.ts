import type { Finding, StackService } from '../../../shared/model/index.ts';
import { containerStateResult } from '../checks/container-state.mapper.ts';
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
        fix: isDev
          ? {
              description:
                'Open the folder in its dev container ("Dev Containers: Reopen in Container") or run `devcontainer up --workspace-folder .`.',
              command: 'devcontainer up --workspace-folder .',
            }
          : {
              description: `Create and start it: \`docker compose up -d ${service.name}\` in the project folder.`,
              command: `docker compose -p ${service.project} up -d ${service.name}`,
            },
      },
    ];
  }
  const probe = containerStateResult(container);
  const startAction = { kind: 'start-container' as const, params: { container: container.name } };
  if (container.state === 'restarting') {
    return [
      {
        id: 'CONTAINER_RESTARTING',
        severity: 'error',
        subject,
        summary: `${container.name} keeps restarting (${container.restartCount} restart${container.restartCount === 1 ? '' : 's'})`,
        cause: `The process exits (last exit code ${container.exitCode}) and the restart policy starts it again.`,
        evidence: [probe],
        fix: {
          description: `Read why it exits: \`docker logs --tail 50 ${container.name}\`, fix the cause (config, missing dependency), then restart it.`,
          command: `docker logs --tail 50 ${container.name}`,
          action: { kind: 'restart-container', params: { container: container.name } },
        },
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
        fix: {
          description: clean
            ? `Start it again: \`docker start ${container.name}\`.`
            : `Check \`docker logs --tail 50 ${container.name}\`, fix the cause, then \`docker start ${container.name}\`.`,
          command: `docker start ${container.name}`,
          action: startAction,
        },
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
        fix: {
          description: `See the failing checks with \`docker inspect --format '{{json .State.Health}}' ${container.name}\`; restart it once the cause is fixed.`,
          command: `docker inspect --format '{{json .State.Health}}' ${container.name}`,
          action: { kind: 'restart-container', params: { container: container.name } },
        },
      },
    ];
  }
  return [];
}
