import type { StackService } from '../../../shared/model/index.ts';
import { normalizeHost } from '../network/host-name.ts';
import type { TargetInput } from './resolve-target.ts';
import { parseUrl } from './target-urls.ts';

/** The first words of the report's line for a stack without an orchestrator (human, JSON and page alike). */
export const NO_ORCHESTRATOR = 'no orchestrator in this stack';

/** The variable an orchestrator client reads its URL from. */
const URL_VARIABLE = 'ORCHESTRATOR_SERVICE_URL';

/** A name that says "orchestrator": `orchestrator`, `orchestrator-service`, `chat-orchestrator`… */
const NAMED_LIKE_ONE = /orchestrator/i;

export interface PresenceInput {
  /** The target input of this run: where the configured URL came from, and its host. */
  orchestrator: Pick<TargetInput, 'configuredUrl' | 'configuredFrom'>;
  /** stack-doctor.yaml's `orchestrator:` section, when written (`aliases`, `healthPath`… count as configuring it). */
  configSection: object | undefined;
  services: readonly StackService[];
  /** Docker aliases the stack defines. */
  aliases: readonly string[];
}

export interface Presence {
  present: boolean;
  /** Why, in one clause: `configured (from settings)`, `web sets ORCHESTRATOR_SERVICE_URL`… */
  reason: string;
}

/**
 * Whether this stack has an orchestrator to diagnose (issue 9 §4). Without one, every workspace would get an
 * "orchestrator unreachable" finding about the built-in default URL. Present when configured anywhere, when a
 * container's environment sets ORCHESTRATOR_SERVICE_URL or calls a URL whose host is the orchestrator's
 * (the configured host, or any name like "orchestrator"), or when a service or docker alias is named like one.
 */
export function orchestratorPresence(input: PresenceInput): Presence {
  const { orchestrator } = input;
  if (orchestrator.configuredFrom !== 'default') return { present: true, reason: `configured (from ${orchestrator.configuredFrom})` };
  if (input.configSection && Object.keys(input.configSection).length > 0)
    return { present: true, reason: 'stack-doctor.yaml has an orchestrator section' };
  const configuredHost = parseUrl(orchestrator.configuredUrl)?.hostname;
  const isOrchestratorHost = (host: string): boolean =>
    NAMED_LIKE_ONE.test(host) || (configuredHost !== undefined && normalizeHost(host) === normalizeHost(configuredHost));
  for (const service of input.services) {
    for (const target of service.targets) {
      if (target.source === `env:${URL_VARIABLE}`) return { present: true, reason: `${service.name} sets ${URL_VARIABLE}` };
      if (isOrchestratorHost(target.host)) return { present: true, reason: `${service.name} calls ${target.url}` };
    }
  }
  const named =
    input.services.find((service) => NAMED_LIKE_ONE.test(service.name))?.name ?? input.aliases.find((alias) => isOrchestratorHost(alias));
  if (named !== undefined) return { present: true, reason: `the stack has a service or alias named ${named}` };
  return {
    present: false,
    reason: `${NO_ORCHESTRATOR}: none is configured, no container refers to one, no service is named like one`,
  };
}
