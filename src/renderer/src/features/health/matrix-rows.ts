import type { MatrixProject, MatrixTarget } from '../../../../shared/model/index.ts';
import { classifyHostReach, type Classified, type HostExpectations } from './host-expectation.ts';

/** `failed`: something says no; `unknown`: not checked (container down, engine gone); `ok`: reaches. */
export type MatrixRowLevel = 'failed' | 'unknown' | 'ok';

export interface MatrixRowView {
  key: string;
  target: MatrixTarget;
  /** The "from the host" cell, with expected docker-alias failures told apart from real ones. */
  host: Classified;
  level: MatrixRowLevel;
}

export interface MatrixProjectView {
  project: MatrixProject;
  /** Failed rows first, then unchecked ones, each in the diagnosis's order. */
  shown: MatrixRowView[];
  /** Rows that reach from the container (and from the host, or fail there only as expected). */
  fine: MatrixRowView[];
  /** Show `fine` behind a toggle: there are more than `collapseFineAbove` of them. */
  collapseFine: boolean;
}

const rank: Record<MatrixRowLevel, number> = { failed: 0, unknown: 1, ok: 2 };

function rowLevel(target: MatrixTarget, host: Classified): MatrixRowLevel {
  const inside = target.fromContainer;
  if (inside.resolves === false || inside.answers === false || host.status === 'failed') return 'failed';
  if (inside.resolves === null || inside.answers === null) return 'unknown';
  return 'ok';
}

/**
 * The truth matrix's model, once per diagnosis, projects with failing rows first: per project, the rows that say something is wrong or unknown
 * first; the rows that simply work after them, collapsed when there are more than `collapseFineAbove`
 * (default 3) — at 200 services the matrix would otherwise be 200 rows of "yes".
 */
export function matrixView(projects: MatrixProject[], expectations: HostExpectations, collapseFineAbove = 3): MatrixProjectView[] {
  const views = projects.map((project) => {
    const rows = project.targets.map((target, index): MatrixRowView => {
      const host = classifyHostReach(target, expectations);
      return { key: `${target.consumer}-${target.url}-${index}`, target, host, level: rowLevel(target, host) };
    });
    const shown = rows.filter((row) => row.level !== 'ok').sort((a, b) => rank[a.level] - rank[b.level]);
    const fine = rows.filter((row) => row.level === 'ok');
    return { project, shown, fine, collapseFine: fine.length > collapseFineAbove };
  });
  // Like the services: the project with something failing first (stable sort keeps the diagnosis's order otherwise).
  const worst = (view: MatrixProjectView) => rank[view.shown[0]?.level ?? 'ok'];
  return views.sort((a, b) => worst(a) - worst(b));
}
