/**
 * The name under which a check keeps its facts. Typed, so a reader gets the fact type the writer declared;
 * compared by identity, so two checks can never share a key by accident.
 */
export interface FactKey<Fact> {
  readonly name: string;
  /** Type-level only: carries `Fact`, never set. */
  readonly _fact?: Fact;
}

export function factKey<Fact>(name: string): FactKey<Fact> {
  return { name };
}

/** Read access to the facts of one run. */
export interface FactView {
  /** Every fact kept under `key`, in subject order; empty when that check did not run or had no subject. */
  get<Fact>(key: FactKey<Fact>): readonly Fact[];
  /** Whether the check owning `key` ran in this run (it may still have had no subject). */
  has(key: FactKey<unknown>): boolean;
}

/** The facts of one run, filled by the runner check by check. */
export class FactStore implements FactView {
  private readonly facts = new Map<FactKey<unknown>, readonly unknown[]>();

  set<Fact>(key: FactKey<Fact>, facts: readonly Fact[]): void {
    if (this.facts.has(key)) throw new Error(`facts "${key.name}" already recorded in this run`);
    this.facts.set(key, facts);
  }

  get<Fact>(key: FactKey<Fact>): readonly Fact[] {
    return (this.facts.get(key) ?? []) as readonly Fact[];
  }

  has(key: FactKey<unknown>): boolean {
    return this.facts.has(key);
  }
}
