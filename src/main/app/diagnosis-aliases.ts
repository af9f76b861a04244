import type { Diagnosis } from '../../shared/model/index.ts';

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The docker names a diagnosis saw, for the chat target's alias list. A Diagnosis does not carry the
 * discovered stack's `aliases`, so they are rebuilt from what it does carry: each service's name, its
 * container's name and network aliases, and the configured orchestrator host when the diagnosis judged it
 * an alias. Only these decide "alias → try the localhost fallback" for a multi-label host; single-label
 * hosts count as aliases anyway.
 */
export function aliasesFromDiagnosis(diagnosis: Diagnosis): string[] {
  const names = new Set<string>();
  for (const service of diagnosis.services) {
    names.add(service.name);
    const container = service.container;
    if (!container) continue;
    names.add(container.name.replace(/^\//, ''));
    for (const network of container.networks) for (const alias of network.aliases) names.add(alias);
  }
  const { orchestrator } = diagnosis;
  if (orchestrator.hostIsAlias) {
    const host = hostOf(orchestrator.configuredUrl);
    if (host) names.add(host);
  }
  return [...names].filter((name) => name !== '');
}
