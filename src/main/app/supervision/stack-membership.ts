import type { ContainerInfo, Diagnosis, StackConfig } from '../../../shared/model/index.ts';
import type { RecoveryPolicyInput } from '../../../shared/model/recovery.ts';
import type { SupervisedStack } from '../../core/recovery/recovery-engine.ts';

const PROJECT_LABEL = 'com.docker.compose.project';
const SERVICE_LABEL = 'com.docker.compose.service';

/** One service of the supervised stack, as supervision needs it. */
export interface MemberService {
  name: string;
  project: string;
  dependsOn: string[];
  container: ContainerInfo | null;
  /** Probed on an interval when set: the stack config's `services.<name>.health`, or a host probe that answered. */
  healthUrl?: string;
  policy?: RecoveryPolicyInput;
}

/**
 * Which containers belong to the supervised stack: the diagnosis' services of the workspace's compose projects.
 * A container is a member by its id, or by its compose project and service labels (a twin, a container compose
 * recreated). Anything else is outside the stack and never touched.
 */
export class StackMembership {
  readonly projects: string[];
  private readonly byName = new Map<string, MemberService>();
  private readonly byContainer = new Map<string, string>();

  constructor(services: readonly MemberService[]) {
    for (const s of services) {
      this.byName.set(s.name, s);
      if (s.container) this.byContainer.set(s.container.id, s.name);
    }
    this.projects = [...new Set(services.map((s) => s.project))].sort();
  }

  static fromDiagnosis(diagnosis: Diagnosis, config: StackConfig | undefined): StackMembership {
    const recovery = config?.recovery;
    return new StackMembership(
      diagnosis.services.map((s) => {
        const configured = config?.services?.[s.name]?.health;
        const answered = s.probes.find((p) => p.kind === 'http' && p.from === 'host' && p.ok && /^https?:\/\//.test(p.target))?.target;
        const healthUrl = config?.services?.[s.name]?.ignore ? undefined : (configured ?? answered);
        const own = recovery?.services?.[s.name];
        const policy = recovery?.defaults || own ? ({ ...recovery?.defaults, ...own } as RecoveryPolicyInput) : undefined;
        return {
          name: s.name,
          project: s.project,
          dependsOn: s.dependsOn,
          container: s.container,
          ...(healthUrl ? { healthUrl } : {}),
          ...(policy ? { policy } : {}),
        };
      }),
    );
  }

  get services(): MemberService[] {
    return [...this.byName.values()];
  }

  service(name: string): MemberService | undefined {
    return this.byName.get(name);
  }

  /** The service a container belongs to, or undefined when it is outside the stack. */
  serviceOf(containerId: string, labels: Readonly<Record<string, string>>): string | undefined {
    const known = this.byContainer.get(containerId);
    if (known) return known;
    const project = labels[PROJECT_LABEL];
    const service = labels[SERVICE_LABEL];
    if (project === undefined || service === undefined) return undefined;
    const member = this.byName.get(service);
    return member && member.project === project ? service : undefined;
  }

  /** The service's container is now `containerId` (it was recreated). */
  adopt(service: string, containerId: string): void {
    // Re-inserted so it is the latest: after a rolled-back recreate the old container is adopted again, over the twin.
    this.byContainer.delete(containerId);
    this.byContainer.set(containerId, service);
  }

  containerOf(service: string): string | null {
    let latest: string | null = this.byName.get(service)?.container?.id ?? null;
    for (const [id, name] of this.byContainer) if (name === service) latest = id;
    return latest;
  }

  forgetContainer(containerId: string): void {
    this.byContainer.delete(containerId);
  }

  toSupervisedStack(): SupervisedStack {
    return {
      services: this.services.map((s) => ({
        name: s.name,
        dependsOn: s.dependsOn,
        containerId: this.containerOf(s.name),
        ...(s.policy ? { policy: s.policy } : {}),
      })),
      config: this.services.map((s) => ({ name: s.name, project: s.project, dependsOn: s.dependsOn, policy: s.policy ?? null })),
    };
  }
}
