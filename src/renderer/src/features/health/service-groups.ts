import type { Diagnosis, Finding, ProbeResult, ServiceReport, Severity } from '../../../../shared/model/index.ts';
import { classifyProbe, hostExpectations, type HostExpectations, type ResultStatus } from './host-expectation.ts';

/** How bad a service is: `error` and `warning` are problems, listed first; `ok` services can be collapsed. */
export type ServiceLevel = 'error' | 'warning' | 'ok';

/** A probe with its status worked out once per diagnosis (never per render). */
export interface ProbeView {
  probe: ProbeResult;
  status: ResultStatus;
  reason?: string;
}

/** One service row, everything the row shows already derived. */
export interface ServiceRowView {
  key: string;
  service: ServiceReport;
  level: ServiceLevel;
  probes: ProbeView[];
  /** Findings about this service (matched by subject), worst first. */
  findings: Finding[];
  /** Error and warning findings among them. */
  errors: number;
  warnings: number;
  /** Failed probes (expected host results excluded). */
  failedProbes: number;
  /** Host-side results that fail by design (docker alias from the host). */
  expectedProbes: number;
}

/** The services of one compose project (or the devcontainer), problems first. */
export interface ServiceGroupView {
  key: string;
  name: string;
  kind: 'compose' | 'devcontainer';
  level: ServiceLevel;
  /** Services with an error/warning finding or a failed probe, worst first. */
  problems: ServiceRowView[];
  /** The rest, by name. */
  healthy: ServiceRowView[];
  /** Show `healthy` behind a "N healthy services" toggle (see {@link GroupOptions.collapseHealthyAbove}). */
  collapseHealthy: boolean;
}

export interface GroupOptions {
  /**
   * A group's healthy services are collapsed when there are more than this many of them; a handful stays
   * open, since a toggle that hides two rows costs a click and saves nothing. Default 3.
   */
  collapseHealthyAbove?: number;
}

const levelRank: Record<ServiceLevel, number> = { error: 2, warning: 1, ok: 0 };
const severityRank: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

/** How findings name a service (core/findings/service-names.ts `serviceLabel`): `project/name`, or the name. */
export function serviceLabel(service: Pick<ServiceReport, 'name' | 'project' | 'role'>): string {
  return service.role === 'devcontainer' || service.project === service.name ? service.name : `${service.project}/${service.name}`;
}

/** The container's own state as a level: not there or not running is an error, a shaky one a warning. */
function containerLevel(service: ServiceReport): ServiceLevel {
  const container = service.container;
  if (!container || container.state !== 'running' || container.health === 'unhealthy') return 'error';
  if (container.health === 'starting') return 'warning';
  return 'ok';
}

function worst(a: ServiceLevel, b: ServiceLevel): ServiceLevel {
  return levelRank[a] >= levelRank[b] ? a : b;
}

function countBy(findings: Finding[], severity: Severity): number {
  let count = 0;
  for (const finding of findings) if (finding.severity === severity) count += 1;
  return count;
}

/** Worst first: level, then error findings, warning findings, failed probes; then by name for a stable order. */
export function compareRows(a: ServiceRowView, b: ServiceRowView): number {
  return (
    levelRank[b.level] - levelRank[a.level] ||
    b.errors - a.errors ||
    b.warnings - a.warnings ||
    b.failedProbes - a.failedProbes ||
    a.service.name.localeCompare(b.service.name)
  );
}

function rowView(service: ServiceReport, findings: Finding[], expectations: HostExpectations): ServiceRowView {
  let failedProbes = 0;
  let expectedProbes = 0;
  const probes = service.probes.map((probe): ProbeView => {
    const classified = classifyProbe(probe, expectations);
    if (classified.status === 'failed') failedProbes += 1;
    if (classified.status === 'expected') expectedProbes += 1;
    return { probe, ...classified };
  });
  const sorted = findings.length > 1 ? [...findings].sort((x, y) => severityRank[y.severity] - severityRank[x.severity]) : findings;
  let level = containerLevel(service);
  for (const finding of sorted) if (finding.severity !== 'info') level = worst(level, finding.severity);
  if (failedProbes > 0) level = worst(level, 'warning');
  const errors = countBy(sorted, 'error');
  const warnings = countBy(sorted, 'warning');
  return {
    key: `${service.project}/${service.name}`,
    service,
    level,
    probes,
    findings: sorted,
    errors,
    warnings,
    failedProbes,
    expectedProbes,
  };
}

/** Findings by the name they give their subject; a finding about a container counts for its service too. */
function findingsBySubject(findings: Finding[]): Map<string, Finding[]> {
  const bySubject = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = bySubject.get(finding.subject);
    if (list) list.push(finding);
    else bySubject.set(finding.subject, [finding]);
  }
  return bySubject;
}

/**
 * The Services table's model, derived once per diagnosis in O(services + probes + findings): services grouped
 * by project (the devcontainer is a group too), each group's problems first and worst first, its healthy
 * services after them. Groups: the worst level first, then the most problems, then the diagnosis's project order.
 */
export function groupServices(
  diagnosis: Pick<Diagnosis, 'services' | 'projects' | 'findings' | 'orchestrator'>,
  options: GroupOptions = {},
  expectations: HostExpectations = hostExpectations(diagnosis),
): ServiceGroupView[] {
  const collapseAbove = options.collapseHealthyAbove ?? 3;
  const bySubject = findingsBySubject(diagnosis.findings);
  const kinds = new Map(diagnosis.projects.map((project, index) => [project.name, { kind: project.kind, index }]));
  const groups = new Map<string, { name: string; rows: ServiceRowView[]; devcontainer: boolean }>();

  for (const service of diagnosis.services) {
    const own = bySubject.get(serviceLabel(service)) ?? [];
    const byContainer = service.container ? (bySubject.get(service.container.name) ?? []) : [];
    const row = rowView(service, byContainer.length > 0 ? [...own, ...byContainer] : own, expectations);
    const group = groups.get(service.project) ?? { name: service.project, rows: [], devcontainer: false };
    group.rows.push(row);
    group.devcontainer ||= service.role === 'devcontainer';
    groups.set(service.project, group);
  }

  const views = [...groups.values()].map((group): ServiceGroupView => {
    const problems = group.rows.filter((row) => row.level !== 'ok').sort(compareRows);
    const healthy = group.rows.filter((row) => row.level === 'ok').sort(compareRows);
    const known = kinds.get(group.name);
    return {
      key: group.name,
      name: group.name,
      kind: known?.kind ?? (group.devcontainer ? 'devcontainer' : 'compose'),
      level: problems[0]?.level ?? 'ok',
      problems,
      healthy,
      collapseHealthy: healthy.length > collapseAbove,
    };
  });
  const order = (group: ServiceGroupView) => kinds.get(group.name)?.index ?? Number.MAX_SAFE_INTEGER;
  return views.sort(
    (a, b) =>
      levelRank[b.level] - levelRank[a.level] ||
      b.problems.length - a.problems.length ||
      order(a) - order(b) ||
      a.name.localeCompare(b.name),
  );
}
