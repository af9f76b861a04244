import { nameProblem, type Fix, type NameKind } from '../../../shared/model/index.ts';

/** A name a fix would put into a command, with what it names. */
export type NameUse = readonly [kind: NameKind, value: string];

/** Why the first of `uses` cannot go into a command, in one sentence; null when every one can. */
export function refusedName(...uses: NameUse[]): string | null {
  for (const [kind, value] of uses) {
    const problem = nameProblem(kind, value);
    if (problem) return problem;
  }
  return null;
}

/**
 * The fix of a finding whose command would need an invalid name: it says so and offers neither a command
 * nor an action, so nothing built from that name is ever shown to paste or run by a repair.
 */
export function refusedFix(problem: string): Fix {
  return {
    description: `${problem} Stack Doctor offers no command with it: find where the name comes from (compose file, container labels, environment) and correct it.`,
  };
}
