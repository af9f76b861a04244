import { toDisposable, type SyncDisposable } from '../../../shared/lifecycle/disposable.ts';
import type { AnyCheck, Check } from './check.ts';

/**
 * The checks a diagnosis runs, in registration order (the order findings of equal rank and a service's
 * probes are listed in). Ids and fact keys are unique: a second registration of either is a programming
 * error and throws.
 */
export class CheckRegistry {
  private readonly checks: AnyCheck[] = [];

  /** Adds `check`; disposing the handle removes it again. */
  register<Subject, Fact>(check: Check<Subject, Fact>): SyncDisposable {
    const entry = check as AnyCheck;
    const clash = this.checks.find((c) => c.id === entry.id || c.key === entry.key);
    if (clash) throw new Error(`check "${entry.id}" clashes with registered check "${clash.id}" (same id or fact key)`);
    this.checks.push(entry);
    return toDisposable(() => {
      const index = this.checks.indexOf(entry);
      if (index >= 0) this.checks.splice(index, 1);
    });
  }

  /** The registered checks, in registration order. */
  list(): readonly AnyCheck[] {
    return [...this.checks];
  }
}
