import { memo, useState } from 'react';
import type { Diagnosis, Reachability } from '../../../../shared/model/index.ts';
import { reachabilitySummary, tri, type Tri } from './format.ts';
import type { Classified } from './host-expectation.ts';
import type { MatrixProjectView, MatrixRowView } from './matrix-rows.ts';

const triText: Record<Tri, string> = { yes: 'yes', no: 'no', unknown: '?' };

function Chip({ label, value }: { label: string; value: boolean | null }) {
  const state = tri(value);
  return (
    <span className={`chip chip-${state}`}>
      {label} {triText[state]}
    </span>
  );
}

function ReachCell({ reach, classified, testId }: { reach: Reachability; classified?: Classified; testId: string }) {
  if (classified?.status === 'expected') {
    // Neutral on purpose: a docker alias cannot resolve outside Docker, and that is how it should be.
    return (
      <td title={reachabilitySummary(reach)} data-testid={testId} data-status="expected">
        <span className="chip chip-expected">expected from the host</span>
        <div className="muted small note">{classified.reason}</div>
      </td>
    );
  }
  return (
    <td title={reachabilitySummary(reach)} data-testid={testId} data-status={classified?.status}>
      <Chip label="resolves" value={reach.resolves} />
      <Chip label="answers" value={reach.answers} />
      {reach.note && <div className="muted small note">{reach.note}</div>}
    </td>
  );
}

const MatrixRow = memo(function MatrixRow({ row }: { row: MatrixRowView }) {
  const { target } = row;
  return (
    <tr data-testid="matrix-row" data-consumer={target.consumer} data-level={row.level}>
      <td>{target.consumer}</td>
      <td>
        <div className="mono">{target.url}</div>
        <div className="muted small mono">{target.source}</div>
      </td>
      <ReachCell reach={target.fromContainer} testId="matrix-container" />
      <ReachCell reach={target.fromHost} classified={row.host} testId="matrix-host" />
      <td className="small">{target.fromContainer.basis}</td>
    </tr>
  );
});

/** One project of the matrix: what is wrong or unknown first, the rows that simply work behind a toggle when many. */
const MatrixProjectBlock = memo(function MatrixProjectBlock({ view }: { view: MatrixProjectView }) {
  const [open, setOpen] = useState(false);
  const { project } = view;
  const showFine = !view.collapseFine || open;
  const toggle = view.collapseFine && (
    <button
      type="button"
      className="ghost small healthy-toggle"
      data-testid="matrix-toggle"
      aria-expanded={open}
      onClick={() => setOpen((v) => !v)}
    >
      <span className="ok" aria-hidden="true">
        ✓
      </span>{' '}
      {open ? `Hide ${view.fine.length} targets that reach` : `${view.fine.length} targets reach from their containers`}
    </button>
  );
  const rows = showFine ? [...view.shown, ...view.fine] : view.shown;
  return (
    <div className="project" data-project={project.name}>
      <div className="project-head">
        <strong>{project.name}</strong>
        <span className="badge">{project.kind}</span>
        <span className={project.containersUp < project.containersTotal ? 'bad' : 'ok'}>
          {project.containersUp}/{project.containersTotal} containers up
        </span>
      </div>
      {project.files.length > 0 && <div className="mono small muted">{project.files.join(' · ')}</div>}
      {project.targets.length === 0 ? (
        <p className="muted small">No backend targets configured in its containers.</p>
      ) : (
        <>
          {rows.length > 0 && (
            <table className="table">
              <thead>
                <tr>
                  <th>Consumer</th>
                  <th>Target</th>
                  <th>From the container</th>
                  <th>From the host</th>
                  <th>Basis</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <MatrixRow key={row.key} row={row} />
                ))}
              </tbody>
            </table>
          )}
          {toggle}
        </>
      )}
    </div>
  );
});

/** The runtime truth matrix: per project, each consumer's configured target and what reaches it, from where. */
export const TruthMatrix = memo(function TruthMatrix({
  views,
  otherProjects,
}: { views: MatrixProjectView[] } & Pick<Diagnosis, 'otherProjects'>) {
  return (
    <section className="card" data-testid="matrix">
      <h2>Runtime truth matrix</h2>
      {views.length === 0 && <p className="muted">No compose project or devcontainer found for this workspace.</p>}
      {views.map((view) => (
        <MatrixProjectBlock key={`${view.project.kind}:${view.project.name}`} view={view} />
      ))}
      {otherProjects.length > 0 && (
        <div className="other-projects">
          <h3>Other compose projects on this engine</h3>
          <ul>
            {otherProjects.map((project) => (
              <li key={project.name}>
                <strong>{project.name}</strong> · {project.containers} containers
                {project.workingDir && <span className="mono muted small"> · {project.workingDir}</span>}
              </li>
            ))}
          </ul>
          <p className="muted small">
            Pick one with <span className="mono">stack-doctor check --project NAME</span> or add its folder as a workspace.
          </p>
        </div>
      )}
    </section>
  );
});
