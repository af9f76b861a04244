import type { ProbeResult } from '../../../shared/model/index.ts';
import type { PortFact, UrlFact } from '../checks/check-facts.ts';

/**
 * Error codes of a connection the host port accepted and then dropped without a byte. Docker's userland
 * proxy does this for a published port with no listener behind it in the container.
 */
const DROPPED_CODES = new Set(['PEER_CLOSED', 'ECONNRESET', 'EPIPE']);

/** A published port of a running container that does not answer, and the probes that show it. */
export interface ClosedPort {
  check: PortFact;
  /** The failed TCP probe, or the passing TCP probe plus the HTTP/WS probe that was dropped. */
  evidence: ProbeResult[];
  /** Accepted then dropped (docker-proxy with nothing behind it), rather than refused or timed out. */
  dropped: boolean;
}

function isDrop(probe: ProbeResult): boolean {
  return !probe.ok && DROPPED_CODES.has(probe.error?.code ?? '') && typeof probe.detail?.['status'] !== 'number';
}

/** The port a URL connects to, as a string (`80`/`443` when implicit); '' when it does not parse. */
export function urlPort(url: string): string {
  try {
    const u = new URL(url);
    return u.port || (u.protocol === 'https:' || u.protocol === 'wss:' ? '443' : '80');
  } catch {
    return '';
  }
}

/**
 * Published ports that do not answer: the TCP probe failed, or it connected but an HTTP/WS probe of the
 * same service on that host port was dropped with no answer at all. The second case is the deterministic
 * signal for a docker-proxy port whose drop came after the TCP probe's watch window.
 */
export function closedPorts(ports: PortFact[], urls: UrlFact[] = []): ClosedPort[] {
  return ports
    .filter((p) => p.service.container?.state === 'running')
    .flatMap((check): ClosedPort[] => {
      if (!check.probe.ok) return [{ check, evidence: [check.probe], dropped: isDrop(check.probe) }];
      const drop = urls.find(
        (u) => u.service === check.service && urlPort(u.url) === String(check.binding.hostPort ?? '') && isDrop(u.probe),
      );
      return drop ? [{ check, evidence: [check.probe, drop.probe], dropped: true }] : [];
    });
}

/** `service|hostPort` keys of {@link closedPorts}: a health or WS failure there is the same fact again. */
export function closedPortKeys(ports: PortFact[], urls: UrlFact[] = []): Set<string> {
  return new Set(closedPorts(ports, urls).map(({ check }) => `${check.service.name}|${check.binding.hostPort ?? ''}`));
}
