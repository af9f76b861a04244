import type { Finding } from '../../../shared/model/index.ts';
import type { PortFact, UrlFact } from '../checks/check-facts.ts';
import { healthFindings } from './health.rules.ts';

/**
 * HTTP_HEALTH_FAILED / HEALTH_DEGRADED for health endpoints found without configuration, as for configured
 * ones (the caller passes only the answers worth judging: 2xx, 5xx, a status body, a silent HTTP port). The cause
 * says where the URL came from, and how to point Stack Doctor elsewhere.
 */
export function publishedHealthFindings(health: UrlFact[], ports: PortFact[]): Finding[] {
  return healthFindings(health, ports).map((finding) => {
    const fact = health.find((h) => h.probe === finding.evidence[0]);
    const name = fact?.service.name ?? 'SERVICE';
    return {
      ...finding,
      cause: `${finding.cause} Found without configuration: ${fact?.url ?? 'this URL'} is a published port of ${name}. To probe another URL set \`services.${name}.health\` in stack-doctor.yaml, or \`ignore: true\` to leave the service alone.`,
    };
  });
}
