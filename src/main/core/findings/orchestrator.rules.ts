import { fixOf, inlineCommand } from '../../../shared/command/fix-command.ts';
import { shellQuote } from '../../../shared/command/shell-quote.ts';
import {
  nameProblem,
  type Finding,
  type OrchestratorTarget,
  type RepairAction,
  type Runtime,
  type StackService,
} from '../../../shared/model/index.ts';
import { refusedName } from './refused-names.ts';
import { serviceForHost } from './service-names.ts';

export interface OrchestratorFacts {
  orchestrator: OrchestratorTarget;
  services: StackService[];
  runtime: Runtime;
}

function hostOf(url: string): { host: string; port: number } | null {
  try {
    const u = new URL(url);
    return { host: u.hostname, port: Number(u.port || (u.protocol === 'https:' ? 443 : 80)) };
  } catch {
    return null;
  }
}

/**
 * RUNTIME_TARGET_UNRESOLVABLE and ORCHESTRATOR_LOCALHOST_FALLBACK, from the run-time target decision. None for a
 * stack without an orchestrator (`present: false`): there is nothing to miss.
 */
export function orchestratorFindings({ orchestrator, services, runtime }: OrchestratorFacts): Finding[] {
  if (orchestrator.present === false) return [];
  if (orchestrator.decision === 'as-configured' || orchestrator.decision === 'not-checked') return [];
  const where = runtime.kind === 'host' ? 'the host' : `this ${runtime.kind}`;
  const target = hostOf(orchestrator.configuredUrl);
  const provider = target ? serviceForHost(services, target.host) : undefined;
  // Nobody configured it and nothing in the stack names it: this stack has no orchestrator to miss, and
  // whatever happens to answer on localhost:8006 is not its orchestrator either.
  const irrelevant =
    orchestrator.configuredFrom === 'default' && !provider && !services.some((s) => s.targets.some((t) => t.host === target?.host));
  if (orchestrator.decision === 'localhost-fallback') {
    return [
      {
        id: 'ORCHESTRATOR_LOCALHOST_FALLBACK',
        // From the host this is the designed path; inside a container localhost is the container itself.
        severity: runtime.kind === 'host' || irrelevant ? 'info' : 'warning',
        subject: orchestrator.configuredUrl,
        summary: `${orchestrator.configuredUrl} does not resolve from ${where}; the client will use ${orchestrator.resolvedUrl ?? 'localhost'}`,
        cause: orchestrator.reason,
        evidence: orchestrator.attempts.map((a) => a.result),
        fix: fixOf({
          description:
            runtime.kind === 'host'
              ? `Nothing to do for a run on the host: the orchestrator's published port answers at ${orchestrator.resolvedUrl ?? 'localhost'}.`
              : `Inside a ${runtime.kind}, localhost is this container, not the host: join the orchestrator's network so ${target?.host ?? 'the alias'} resolves, rather than relying on whatever answers at ${orchestrator.resolvedUrl ?? 'localhost'}.`,
          lasting: `Run the app inside the compose network so the alias resolves, or for host runs set ORCHESTRATOR_SERVICE_URL=${shellQuote(orchestrator.resolvedUrl ?? 'http://localhost:8006')} so nothing depends on a fallback.`,
          // On the host the fallback is the designed path and a repair may pin it; inside a container
          // localhost is the container itself, so pinning it would make the stack worse.
          ...(runtime.kind === 'host' && orchestrator.resolvedUrl && !nameProblem('url', orchestrator.resolvedUrl)
            ? { action: { kind: 'pin-orchestrator-target' as const, params: { url: orchestrator.resolvedUrl } } }
            : {}),
        }),
      },
    ];
  }
  const attempts = orchestrator.attempts
    .map((a) => `${a.step} ${a.url} → ${a.result.ok ? 'ok' : (a.result.error?.code ?? 'failed')}`)
    .join('; ');
  const { description, action } = unresolvableFix(provider, target, where);
  const aliasNote = orchestrator.hostIsAlias
    ? `"${target?.host ?? orchestrator.configuredUrl}" is a docker alias: it resolves only for containers on the same compose network, never from the host. From the host the orchestrator is reached through its published port on localhost, and that did not answer either.`
    : `The configured host is not a docker alias, so no localhost fallback was tried.`;
  return [
    {
      id: 'RUNTIME_TARGET_UNRESOLVABLE',
      severity: irrelevant ? 'info' : 'error',
      subject: orchestrator.configuredUrl,
      summary: `The orchestrator is unreachable from ${where}: ${orchestrator.configuredUrl} (from ${orchestrator.configuredFrom}) and its fallback failed`,
      cause: `${orchestrator.reason} Attempts: ${attempts || 'none'}.`,
      evidence: orchestrator.attempts.map((a) => a.result),
      fix: fixOf({
        description: `${description} ${aliasNote}`,
        lasting: `Run the app inside the compose network (the alias resolves there), or for host runs publish the port and set ORCHESTRATOR_SERVICE_URL=http://localhost:${target?.port ?? 8006}.`,
        ...(action ? { action } : {}),
      }),
    },
  ];
}

/** What to do about an unreachable orchestrator: start it, publish its port, or point the URL elsewhere. */
function unresolvableFix(
  provider: StackService | undefined,
  target: { host: string; port: number } | null,
  where: string,
): { description: string; action?: RepairAction } {
  const container = provider?.container ?? null;
  if (provider && (!container || container.state !== 'running')) {
    const refused = container ? refusedName(['container', container.name]) : refusedName(['service', provider.name]);
    if (refused) return { description: `Start the orchestrator (${provider.name}). ${refused} Stack Doctor offers no command with it.` };
    if (!container)
      return {
        description: `Start the orchestrator (${provider.name}): ${inlineCommand(['docker', 'compose', 'up', '-d', provider.name])}.`,
      };
    const action: RepairAction = { kind: 'start-container', params: { container: container.name } };
    return { description: `Start the orchestrator (${provider.name}): ${inlineCommand(action)}.`, action };
  }
  if (provider && container && target && !container.ports.some((p) => p.containerPort === target.port && p.hostPort !== undefined)) {
    const description = `${container.name} runs but does not publish port ${target.port}: add \`ports: ["127.0.0.1:${target.port}:${target.port}"]\` to ${provider.name} so http://localhost:${target.port} answers from the host.`;
    const refused = refusedName(['project', provider.project], ['service', provider.name], ['container', container.name]);
    if (refused) return { description: `${description} ${refused}` };
    const params = { project: provider.project, service: provider.name, container: container.name, containerPort: target.port };
    return { description, action: { kind: 'publish-port', params } };
  }
  return {
    description: `Start the orchestrator with its port published on 127.0.0.1 (\`ports: ["127.0.0.1:8006:8006"]\`), or set the orchestrator URL to one that answers from ${where}.`,
  };
}
