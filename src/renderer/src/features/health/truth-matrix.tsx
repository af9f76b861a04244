import type { Diagnosis, Reachability } from '../../../../shared/model/index.ts';
import { reachabilitySummary, tri, type Tri } from './format.ts';

const triText: Record<Tri, string> = { yes: 'yes', no: 'no', unknown: '?' };

function Chip({ label, value }: { label: string; value: boolean | null }) {
  const state = tri(value);
  return (
    <span className={`chip chip-${state}`}>
      {label} {triText[state]}
    </span>
  );
}

function ReachCell({ reach }: { reach: Reachability }) {
  return (
    <td title={reachabilitySummary(reach)}>
      <Chip label="resolves" value={reach.resolves} />
      <Chip label="answers" value={reach.answers} />
      {reach.note && <div className="muted small note">{reach.note}</div>}
    </td>
  );
}

/** The runtime truth matrix: per project, each consumer's configured target and what reaches it, from where. */
export function TruthMatrix({ projects, otherProjects }: Pick<Diagnosis, 'projects' | 'otherProjects'>) {
  return (
    <section className="card" data-testid="matrix">
      <h2>Runtime truth matrix</h2>
      {projects.length === 0 && <p className="muted">No compose project or devcontainer found for this workspace.</p>}
      {projects.map((project) => (
        <div className="project" key={`${project.kind}:${project.name}`} data-project={project.name}>
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
                {project.targets.map((target, index) => (
                  <tr key={`${target.consumer}-${target.url}-${index}`} data-testid="matrix-row">
                    <td>{target.consumer}</td>
                    <td>
                      <div className="mono">{target.url}</div>
                      <div className="muted small mono">{target.source}</div>
                    </td>
                    <ReachCell reach={target.fromContainer} />
                    <ReachCell reach={target.fromHost} />
                    <td className="small">{target.fromContainer.basis}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
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
}
