import { memo } from 'react';
import type { ServiceReport } from '../../../../shared/model/index.ts';
import { ProbeList } from './probe-list.tsx';
import type { ServiceRowView } from './service-groups.ts';

function stateClass(service: ServiceReport): string {
  const container = service.container;
  if (!container) return 'bad';
  if (container.state !== 'running' || container.health === 'unhealthy') return 'bad';
  if (container.health === 'starting' || container.restartCount > 0) return 'warn';
  return 'ok';
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Why the row is listed among the problems, in a few words: `1 error`, `2 failing probes`. */
function ProblemBadges({ row }: { row: ServiceRowView }) {
  if (row.level === 'ok') return null;
  const summaries = row.findings.map((finding) => `${finding.severity}: ${finding.summary}`).join('\n');
  return (
    <div className="row-badges" title={summaries || undefined}>
      {row.errors > 0 && <span className="badge severity-error">{plural(row.errors, 'error')}</span>}
      {row.warnings > 0 && <span className="badge severity-warning">{plural(row.warnings, 'warning')}</span>}
      {/* With a finding the ✗ in the probe list says enough; without one, the failing probes are the reason. */}
      {row.errors + row.warnings === 0 && row.failedProbes > 0 && (
        <span className="badge probe-failures">{plural(row.failedProbes, 'failing probe')}</span>
      )}
    </div>
  );
}

/** One service: name and project, container facts, every probe run for it. Re-renders only when its row changes. */
export const ServiceRow = memo(function ServiceRow({ row }: { row: ServiceRowView }) {
  const { service } = row;
  return (
    <tr className={`service-row level-${row.level}`} data-testid="service-row" data-service={service.name} data-level={row.level}>
      <td>
        <strong>{service.name}</strong>
        {/* The group heading names the project; only the devcontainer's role needs saying. */}
        {service.role === 'devcontainer' && <div className="muted small">devcontainer</div>}
        <ProblemBadges row={row} />
      </td>
      <td>
        {service.container ? (
          <>
            <span className={stateClass(service)}>{service.container.state}</span>
            {service.container.state === 'exited' && <span className="muted"> ({service.container.exitCode})</span>}
            <div className="muted small mono">{service.container.name}</div>
          </>
        ) : (
          <span className="bad">not created</span>
        )}
      </td>
      <td>{service.container?.health ?? '—'}</td>
      <td className="num">{service.container?.restartCount ?? '—'}</td>
      <td>
        <ProbeList probes={row.probes} />
      </td>
    </tr>
  );
});
