import { fixOf, inlineCommand } from '../../../shared/command/fix-command.ts';
import { nameProblem, type Fix, type Finding, type LookAction } from '../../../shared/model/index.ts';
import type { PortFact, UrlFact } from '../checks/check-facts.ts';
import { closedPortKeys, urlPort } from './closed-ports.ts';
import { refusedFix, refusedName } from './refused-names.ts';
import { serviceLabel } from './service-names.ts';

/** Probe checks of services whose container runs: an exited one is reported once, as CONTAINER_EXITED. */
function running(checks: UrlFact[]): UrlFact[] {
  return checks.filter((c) => c.service.container === null || c.service.container.state === 'running');
}

/**
 * HTTP_HEALTH_FAILED (no answer or non-2xx without a health body) and HEALTH_DEGRADED (a
 * `{status: degraded|unhealthy}` body: warning for degraded, error for unhealthy).
 */
export function healthFindings(health: UrlFact[], ports: PortFact[], ws: UrlFact[] = []): Finding[] {
  // Ports already reported closed: their health failure would say the same thing twice.
  const closed = closedPortKeys(ports, [...health, ...ws]);
  const findings: Finding[] = [];
  for (const { service, url, probe } of running(health)) {
    const subject = serviceLabel(service);
    const bodyStatus = probe.detail?.['healthStatus'];
    if (bodyStatus === 'degraded' || bodyStatus === 'unhealthy') {
      findings.push({
        id: 'HEALTH_DEGRADED',
        severity: bodyStatus === 'degraded' ? 'warning' : 'error',
        subject,
        summary: `${url} reports status "${bodyStatus}"`,
        cause: `The service answers (HTTP ${String(probe.detail?.['status'] ?? '?')}) but its own health check says ${bodyStatus}; the body names what it depends on.`,
        evidence: [probe],
        fix: urlFix(url, false, (get) => `Read the health body (${inlineCommand(get)}) for the failing dependency and fix that first.`),
      });
      continue;
    }
    if (probe.ok || closed.has(`${service.name}|${urlPort(url)}`)) continue;
    findings.push({
      id: 'HTTP_HEALTH_FAILED',
      severity: 'error',
      subject,
      summary: `${url} ${probe.error?.code?.startsWith('HTTP_') ? `answered ${probe.error.code.slice(5)}` : 'did not answer'}`,
      cause: `${probe.error?.code ?? 'ERROR'}: ${probe.error?.message ?? 'no answer'}.`,
      evidence: [probe],
      fix: urlFix(url, true, (get) => {
        const name = service.container?.name;
        const logs =
          name !== undefined && !nameProblem('container', name) ? ` (${inlineCommand(['docker', 'logs', '--tail', '50', name])})` : '';
        return `Check that ${subject} serves its health endpoint at ${url} (${inlineCommand(get)}) and read its logs${logs}.`;
      }),
    });
  }
  return findings;
}

/** WS_HANDSHAKE_FAILED: the configured WebSocket URL does not complete the opening handshake. */
export function wsFindings(ws: UrlFact[], ports: PortFact[], health: UrlFact[] = []): Finding[] {
  const closed = closedPortKeys(ports, [...health, ...ws]);
  return running(ws)
    .filter(({ service, url, probe }) => !probe.ok && !closed.has(`${service.name}|${urlPort(url)}`))
    .map(({ service, url, probe }) => ({
      id: 'WS_HANDSHAKE_FAILED',
      severity: 'error',
      subject: serviceLabel(service),
      summary: `WebSocket handshake to ${url} failed`,
      cause: `${probe.error?.code ?? 'ERROR'}: ${probe.error?.message ?? 'no answer'}${probe.detail?.['status'] ? ` (HTTP ${String(probe.detail['status'])})` : ''}. A proxy that drops the Upgrade header, a wrong path, or the server not running give this.`,
      evidence: [probe],
      fix: {
        description: `Check the WebSocket path and that nothing between here and ${subjectHost(url)} strips the Upgrade/Connection headers.`,
      },
    }));
}

function subjectHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A fix that reads `url` with curl (`-i` with headers, else `-s`), or why not when the URL cannot be used. */
function urlFix(url: string, headers: boolean, describe: (get: LookAction) => string): Fix {
  const refused = refusedName(['url', url]);
  if (refused) return refusedFix(refused);
  const get: LookAction = { kind: 'http-get', params: { url, headers } };
  return fixOf({ description: describe(get), look: get });
}
