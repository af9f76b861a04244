/** A service of the supervised stack and what it depends on (compose `depends_on`). */
export interface StackServiceSpec {
  name: string;
  /** Services this one needs; names outside the stack are ignored (report them with a `dependency` observation). */
  dependsOn?: readonly string[];
}

/** Who depends on whom inside the stack, and each service's depth (0 for a service that depends on nothing). */
export class DependencyGraph {
  private readonly deps = new Map<string, readonly string[]>();
  private readonly dependents = new Map<string, string[]>();
  private readonly depths = new Map<string, number>();

  constructor(services: readonly StackServiceSpec[]) {
    const names = new Set(services.map((s) => s.name));
    for (const s of services)
      this.deps.set(
        s.name,
        [...new Set(s.dependsOn ?? [])].filter((d) => names.has(d) && d !== s.name),
      );
    for (const [name, deps] of this.deps) for (const d of deps) this.dependents.set(d, [...(this.dependents.get(d) ?? []), name]);
    for (const name of names) this.depthOf(name, new Set());
  }

  has(name: string): boolean {
    return this.deps.has(name);
  }

  names(): string[] {
    return [...this.deps.keys()];
  }

  dependenciesOf(name: string): readonly string[] {
    return this.deps.get(name) ?? [];
  }

  dependentsOf(name: string): readonly string[] {
    return this.dependents.get(name) ?? [];
  }

  /** Longest chain of dependencies below the service; recovery's default priority, so dependencies go first. */
  depth(name: string): number {
    return this.depths.get(name) ?? 0;
  }

  private depthOf(name: string, visiting: Set<string>): number {
    const known = this.depths.get(name);
    if (known !== undefined) return known;
    // A cycle (compose refuses them, a hand-written config may not): cut it instead of recursing forever.
    if (visiting.has(name)) return 0;
    visiting.add(name);
    const depth = Math.max(-1, ...this.dependenciesOf(name).map((d) => this.depthOf(d, visiting))) + 1;
    visiting.delete(name);
    this.depths.set(name, depth);
    return depth;
  }
}
