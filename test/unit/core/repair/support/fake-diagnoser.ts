import type { Diagnoser } from '../../../../../src/main/core/ports/repair-diagnoser.port.ts';
import type { Diagnosis, Finding, ServiceReport } from '../../../../../src/shared/model/index.ts';
import type { FakeEngine } from './fake-ports.ts';
import { connect, diagnosisOf, finding, restart, start } from './stack.fixture.ts';

/** A service of project `shop` and the container id it runs as in the fake engine (null: never created). */
export interface FakeService {
  name: string;
  containerId: string | null;
  dependsOn?: string[];
  /** An alias it must resolve and the network where it lives: a DNS finding while it is not on that network. */
  needs?: { alias: string; network: string };
}

/**
 * Diagnoses the fake engine the way the rules would, in miniature: exited → CONTAINER_EXITED (start), unhealthy →
 * CONTAINER_UNHEALTHY (restart), a needed alias not on the container's networks → DNS_UNRESOLVABLE_FROM_CONTAINER
 * (connect), no container → SERVICE_NOT_CREATED (create). Each call is a new correlation id.
 */
export class FakeDiagnoser implements Diagnoser {
  runs = 0;
  constructor(
    private readonly engine: FakeEngine,
    private readonly services: FakeService[],
    private readonly extra: () => Finding[] = () => [],
  ) {}

  async diagnose(): Promise<Diagnosis> {
    this.runs += 1;
    const reports: ServiceReport[] = [];
    const findings: Finding[] = [];
    for (const s of this.services) {
      const container = s.containerId ? (this.engine.containers.get(s.containerId) ?? null) : null;
      const created =
        container ?? [...this.engine.containers.values()].find((c) => c.labels['com.docker.compose.service'] === s.name) ?? null;
      reports.push({
        name: s.name,
        project: 'shop',
        role: 'service',
        dependsOn: s.dependsOn ?? [],
        probes: [],
        container: structuredClone(created),
      });
      const subject = `shop/${s.name}`;
      if (!created)
        findings.push(finding('SERVICE_NOT_CREATED', subject, { kind: 'create-service', params: { project: 'shop', service: s.name } }));
      else if (created.state === 'exited') findings.push(finding('CONTAINER_EXITED', subject, start(created.name)));
      else if (created.health === 'unhealthy') findings.push(finding('CONTAINER_UNHEALTHY', subject, restart(created.name)));
      if (created && s.needs && !created.networks.some((n) => n.name === s.needs?.network)) {
        findings.push(finding('DNS_UNRESOLVABLE_FROM_CONTAINER', subject, connect(s.needs.network, created.name, s.needs.alias)));
      }
    }
    findings.push(...this.extra());
    return diagnosisOf(reports, findings, { correlationId: `diag-${this.runs}` });
  }
}
