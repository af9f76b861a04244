import { redactText } from '../../../shared/redact.ts';

/**
 * Label namespaces Stack Doctor reads: compose's, the devcontainer CLI's and its own. Other labels belong
 * to other tools (traefik basic-auth users, registry credentials…) and are not kept, so they cannot leak
 * into a report, an event or a log.
 */
const PRODUCT_LABEL_PREFIXES = ['com.docker.compose.', 'devcontainer.', 'stack-doctor.'];

/** The product's labels only, each value with any visible secret redacted. */
export function productLabels(labels: Readonly<Record<string, string>> | null | undefined): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (PRODUCT_LABEL_PREFIXES.some((prefix) => key.startsWith(prefix))) kept[key] = redactText(value);
  }
  return kept;
}
