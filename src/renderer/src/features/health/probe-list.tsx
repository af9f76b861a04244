import { memo } from 'react';
import { formatDuration } from './format.ts';
import type { ResultStatus } from './host-expectation.ts';
import type { ProbeView } from './service-groups.ts';

const icon: Record<ResultStatus, string> = { ok: '✓', failed: '✗', expected: '–' };

/**
 * A service's probes with their latencies. An expected host result (a docker alias from the host) reads
 * neutral — a dash, grey, "expected from the host" — with the full reason in its tooltip.
 */
export const ProbeList = memo(function ProbeList({ probes }: { probes: ProbeView[] }) {
  if (probes.length === 0)
    return (
      <ul className="probes">
        <li className="muted">no probes</li>
      </ul>
    );
  return (
    <ul className="probes">
      {probes.map(({ probe, status, reason }, index) => (
        <li
          key={`${probe.kind}-${probe.target}-${probe.from}-${index}`}
          data-testid="probe"
          data-kind={probe.kind}
          data-status={status}
          title={reason ?? probe.error?.message}
        >
          <span className={`probe-icon ${status}`} aria-label={status}>
            {icon[status]}
          </span>{' '}
          <span className="probe-kind">{probe.kind}</span> <span className="mono">{probe.target}</span>
          {probe.from !== 'host' && <span className="muted small"> from {probe.from}</span>}{' '}
          <span className="muted">{formatDuration(probe.latencyMs)}</span>
          {status === 'failed' && probe.error && <span className="bad small"> {probe.error.code}</span>}
          {status === 'expected' && (
            <span className="expected-note small"> {probe.error?.code} · expected from the host: docker alias</span>
          )}
        </li>
      ))}
    </ul>
  );
});
