import { memo, useCallback, useState } from 'react';
import type { ServiceGroupView, ServiceLevel } from './service-groups.ts';
import { ServiceRow } from './service-row.tsx';

const COLUMNS = 5;

const levelWord: Record<ServiceLevel, string> = { error: 'errors', warning: 'warnings', ok: 'healthy' };

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

interface GroupProps {
  group: ServiceGroupView;
  expanded: boolean;
  onToggle: (key: string) => void;
}

/** One project's services: a heading row, its problems, then its healthy services (collapsed when many). */
const ServiceGroup = memo(function ServiceGroup({ group, expanded, onToggle }: GroupProps) {
  const showHealthy = !group.collapseHealthy || expanded;
  const toggle = group.collapseHealthy && (
    <tr className="healthy-summary">
      <td colSpan={COLUMNS}>
        <button
          type="button"
          className="ghost small healthy-toggle"
          data-testid="healthy-toggle"
          aria-expanded={expanded}
          onClick={() => onToggle(group.key)}
        >
          <span className="ok" aria-hidden="true">
            ✓
          </span>{' '}
          {expanded ? `Hide ${plural(group.healthy.length, 'healthy service')}` : plural(group.healthy.length, 'healthy service')}
        </button>
      </td>
    </tr>
  );
  return (
    <tbody className={`service-group level-${group.level}`} data-testid="service-group" data-project={group.name} data-level={group.level}>
      <tr className="group-head">
        <th colSpan={COLUMNS} scope="rowgroup">
          <span className={`level-dot level-${group.level}`} aria-label={levelWord[group.level]} />
          <strong>{group.name}</strong> <span className="badge">{group.kind}</span>{' '}
          <span className="muted small">
            {group.problems.length > 0 ? `${plural(group.problems.length, 'service')} with problems · ` : ''}
            {group.healthy.length} healthy
          </span>
        </th>
      </tr>
      {group.problems.map((row) => (
        <ServiceRow key={row.key} row={row} />
      ))}
      {!showHealthy && toggle}
      {showHealthy && group.healthy.map((row) => <ServiceRow key={row.key} row={row} />)}
      {showHealthy && toggle}
    </tbody>
  );
});

/**
 * Services grouped by project, problems first and worst first; a group's many healthy services sit behind a
 * "N healthy services" toggle. Everything shown is derived once per diagnosis (see groupServices).
 */
export const ServicesTable = memo(function ServicesTable({ groups }: { groups: ServiceGroupView[] }) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  // Stable, so a toggle re-renders only the group it changes.
  const onToggle = useCallback((key: string) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);
  const total = groups.reduce((sum, group) => sum + group.problems.length + group.healthy.length, 0);
  const problems = groups.reduce((sum, group) => sum + group.problems.length, 0);
  return (
    <section className="card" data-testid="services">
      <div className="card-head">
        <h2>Services</h2>
        {total > 0 && (
          <span className="muted small" data-testid="services-summary">
            {plural(total, 'service')} in {plural(groups.length, 'group')} · {problems} with problems
          </span>
        )}
      </div>
      {total === 0 ? (
        <p className="muted">No services.</p>
      ) : (
        <table className="table services-table">
          <thead>
            <tr>
              <th>Service</th>
              <th>Container</th>
              <th>Health</th>
              <th className="num">Restarts</th>
              <th>Probes</th>
            </tr>
          </thead>
          {groups.map((group) => (
            <ServiceGroup key={group.key} group={group} expanded={expanded.has(group.key)} onToggle={onToggle} />
          ))}
        </table>
      )}
    </section>
  );
});
