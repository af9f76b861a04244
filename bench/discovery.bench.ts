/**
 * bench/discovery (issue 8 §4): does discovery grow linearly with the number of services?
 *
 * A compose project of N labelled containers (only the engine listing, in memory: no compose file, so the
 * YAML parser is not what is timed), each calling the next by alias over HTTP. discoverStack runs for
 * N = SMALL and N = LARGE (4× as many) in interleaved rounds; the ratio of the medians is ~4 for linear work
 * and ~16 for quadratic work. Exit 1 when the ratio exceeds the target.
 *
 * Run: npx tsx bench/discovery.bench.ts   (env: BENCH_SMALL=5000, BENCH_ROUNDS=5)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceFilesAdapter } from '../src/main/adapters/workspace/workspace-files.adapter.ts';
import { discoverStack } from '../src/main/core/discovery/discover-stack.ts';
import { manyServices } from './support/many-services.ts';
import { median, ms, table, timed } from './support/stats.ts';

const envInt = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

const SMALL = envInt('BENCH_SMALL', 5_000);
const LARGE = SMALL * 4;
const ROUNDS = envInt('BENCH_ROUNDS', 5);
/** Large / small for 4× the services: 4 is linear, 16 quadratic; the margin absorbs GC and a shared machine. */
const TARGET_RATIO = 6;

async function main(): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'stack-doctor-discovery-'));
  try {
    const ws = new WorkspaceFilesAdapter();
    const stacks = { small: manyServices(SMALL, dir), large: manyServices(LARGE, dir) };
    const run = (containers: typeof stacks.small) => discoverStack(ws, { workspace: dir, extraProjects: [], containers });
    const check = await run(stacks.large);
    if (check.stack.services.length !== LARGE) throw new Error(`${check.stack.services.length} services discovered, want ${LARGE}`);
    await run(stacks.small);

    const small: number[] = [];
    const large: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      small.push(await timed(() => run(stacks.small)));
      large.push(await timed(() => run(stacks.large)));
    }
    const ratio = median(large) / median(small);
    const row = (label: string, values: number[]): string[] => [
      label,
      ms(median(values)),
      ms(Math.min(...values)),
      ms(Math.max(...values)),
    ];
    console.log(
      [
        `bench/discovery — discoverStack over N labelled services, each calling the next over HTTP; ${ROUNDS} interleaved rounds`,
        '',
        table([['', 'median', 'min', 'max'], row(`N = ${SMALL}`, small), row(`N = ${LARGE}`, large)]),
        '',
        `N=${LARGE} / N=${SMALL}   ${ratio.toFixed(2)}  (linear 4, quadratic 16; target <= ${TARGET_RATIO})  ${ratio <= TARGET_RATIO ? 'PASS' : 'FAIL'}`,
        `per service              ${((median(large) / LARGE) * 1000).toFixed(1)} µs`,
      ].join('\n'),
    );
    return ratio <= TARGET_RATIO ? 0 : 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  },
);
