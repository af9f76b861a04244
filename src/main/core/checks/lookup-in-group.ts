import type { ContainerInfo } from '../../../shared/model/index.ts';
import type { EngineReadPort } from '../ports/index.ts';
import { lookupNamesInContainer } from './batch-lookup.ts';
import type { ContainerLookup } from './container-lookup.ts';
import type { LookupBatch } from './lookup-groups.ts';

/** The answers of one batch, and the container they were obtained in. */
export interface GroupLookup {
  /** One answer per name of the batch. */
  lookups: Map<string, ContainerLookup>;
  /** The member the lookup ran in; null when no member could run it. */
  ranIn: ContainerInfo | null;
  execs: number;
}

/**
 * Runs one batch's lookup in the first of its runners that can run one; a runner that cannot (exec
 * refused, container gone, no lookup tool in its image) hands over to the next, within the same budget
 * (`timeoutMs`, for all tries together). Execs run one after another: a batch is one exec at a time.
 */
export async function lookupInGroup(
  engine: Pick<EngineReadPort, 'exec'>,
  batch: Pick<LookupBatch, 'runners' | 'names'>,
  timeoutMs: number,
  now: () => number,
): Promise<GroupLookup> {
  const deadline = now() + timeoutMs;
  let execs = 0;
  const tried: string[] = [];
  for (const runner of batch.runners) {
    const left = Math.round(deadline - now());
    if (left <= 0) break;
    const outcome = await lookupNamesInContainer(engine, runner.id, batch.names, left, now);
    execs += outcome.execs;
    if (!outcome.unusable) return { lookups: outcome.lookups, ranIn: runner, execs };
    tried.push(`${runner.name}: ${outcome.unusable.message}`);
    // Names refused as no host name are answered whoever runs the rest.
    if (tried.length === batch.runners.length || Math.round(deadline - now()) <= 0) {
      return { lookups: withFailure(outcome.lookups, batch.names, outcome.unusable.code, tried), ranIn: null, execs };
    }
  }
  return { lookups: withFailure(new Map(), batch.names, 'TIMEOUT', tried), ranIn: null, execs };
}

function withFailure(
  known: Map<string, ContainerLookup>,
  names: readonly string[],
  code: string,
  tried: string[],
): Map<string, ContainerLookup> {
  const message = tried.length > 0 ? tried.join('; ') : 'no time was left to run a lookup';
  const lookups = new Map(known);
  for (const name of names) {
    if (!lookups.has(name))
      lookups.set(name, { tool: null, resolves: null, addresses: [], output: '', note: message, failure: { code, message } });
  }
  return lookups;
}
