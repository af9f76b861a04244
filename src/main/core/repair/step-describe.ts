import { shellLine } from '../../../shared/command/shell-quote.ts';
import type { ContainerInfo, RepairRisk, RepairUndo } from '../../../shared/model/index.ts';
import type { ComposeCli } from '../ports/repair-compose.port.ts';

/*
 * What each kind of step risks and how it is undone, in words a preview shows. Kept apart from the rules that
 * decide whether a step is planned, so the texts can be read (and reviewed) in one place.
 */

export interface Described {
  effect: string;
  risk: RepairRisk;
  undo: RepairUndo;
  verify: string;
}

export function describeStart(container: ContainerInfo): Described {
  const clean = container.exitCode === 0 && container.state !== 'created';
  return {
    effect: `Start ${container.name} (${container.state === 'created' ? 'created, never started' : `exited with code ${container.exitCode}`}).`,
    risk: clean
      ? { level: 'low', reason: 'It exited cleanly; starting it runs the same container again, nothing else changes.' }
      : container.state === 'created'
        ? { level: 'low', reason: 'It was created and never started; nothing else changes.' }
        : {
            level: 'medium',
            reason: `It exited with code ${container.exitCode}: it may fail again the same way (the step then fails and its logs say why).`,
          },
    undo: { possible: true, how: 'Stop it again.', command: shellLine(['docker', 'stop', container.name]) },
    verify: container.health === 'none' ? 'It is running after the start.' : 'It is running and its HEALTHCHECK reports healthy.',
  };
}

export function describeRestart(container: ContainerInfo): Described {
  return {
    effect: `Restart ${container.name}: its Docker HEALTHCHECK fails.`,
    risk: {
      level: 'medium',
      reason:
        'Interrupts what it is doing for a few seconds; it is unhealthy, so it is not serving well now. Only restarted while still unhealthy.',
    },
    undo: { possible: false, how: 'A restart cannot be taken back; the container keeps its configuration and data.' },
    verify: 'Its HEALTHCHECK reports healthy again.',
  };
}

export function describeConnect(container: ContainerInfo, network: string, alias: string | undefined): Described {
  return {
    effect: `Connect ${container.name} to network ${network}${alias ? ` so "${alias}" resolves inside it` : ''}. Lost when the container is recreated: the lasting change is in the compose file.`,
    risk: { level: 'low', reason: 'Adds a network interface; nothing is stopped or restarted.' },
    undo: {
      possible: true,
      how: 'Disconnect it again.',
      command: shellLine(['docker', 'network', 'disconnect', network, container.name]),
    },
    verify: alias ? `"${alias}" resolves inside ${container.name} (a lookup run in the container).` : `${container.name} is on ${network}.`,
  };
}

export function describeCreate(project: string, service: string, compose: ComposeCli, files: string[]): Described {
  const down = [...compose.argv0, '-p', project, ...files.flatMap((f) => ['-f', f]), 'rm', '-s', '-f', service];
  return {
    effect: `Create and start service ${service} of project ${project} with ${compose.argv0.join(' ')} ${compose.version}.`,
    risk: {
      level: 'medium',
      reason: `Creates a container from the compose file; compose also starts the services ${service} depends on, and may build or pull its image.`,
    },
    undo: { possible: true, how: 'Stop and remove the created container.', command: shellLine(down) },
    verify: `A container of ${project}/${service} runs (and is healthy when it has a HEALTHCHECK).`,
  };
}

export function describePin(url: string): Described {
  return {
    effect: `Pin the orchestrator target to ${url} in Stack Doctor's settings.`,
    risk: { level: 'low', reason: "Changes one of Stack Doctor's own settings; nothing in the stack changes." },
    undo: { possible: true, how: 'Restore the previous orchestrator URL setting (the report records it).' },
    verify: `The setting reads ${url}.`,
  };
}

export function describeBreakerReset(target: string): Described {
  return {
    effect: `Close the chat client's open circuit breaker for ${target}: the target answers again.`,
    risk: { level: 'low', reason: 'If the target fails again the breaker opens again after its failure count.' },
    undo: { possible: false, how: 'Not needed: the breaker reopens on its own after repeated failures.' },
    verify: 'The breaker reads closed.',
  };
}
