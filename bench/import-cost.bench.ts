/**
 * bench/import-cost: what each runtime package and each CLI entry costs to load, each timed in a fresh `node`
 * (wall and CPU of one `import()`, medians over BENCH_ROUNDS processes; CPU is steadier on a shared machine).
 * Packages are timed as npm installed them (unbundled); the out/cli rows are the bundle the CLI really loads (the
 * pure-JS packages bundled in), compiled and served from V8's code cache. Needs `npm run build` first. Prints a table for bench/README.md; always exits 0.
 *
 *   npx tsx bench/import-cost.bench.ts        # BENCH_ROUNDS=7 by default
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, ms, table } from './support/stats.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const repo = resolve(import.meta.dirname, '..');
const file = (path: string): string => pathToFileURL(resolve(repo, path)).href;
/**
 * The bundle loaded through the launcher's code cache: `fresh`, a cache of the process's own, compiled and written
 * (a first run); else one cache file shared by the rounds, written by the first (every later run).
 */
const cachedBundle = (fresh: boolean): string => {
  const cacheFile = fresh ? `\${tmpdir()}/sd-import-cost-\${process.pid}.v8` : resolve(tmpdir(), `sd-import-cost-${process.pid}.v8`);
  return [
    `loadWithCodeCache('${resolve(repo, 'out/cli/cli.cjs')}', \`${cacheFile}\`).saveCache();`,
    fresh ? `rmSync(\`${cacheFile}\`, { force: true });` : '',
  ].join(' ');
};

/** Loaded before the timed part of the code-cache rows (tsx transpiles it: not what is measured). */
const codeCacheSetup = [
  "import { tmpdir } from 'node:os'; import { rmSync } from 'node:fs';",
  `const { loadWithCodeCache } = await import('${file('src/main/cli/launch/code-cache.ts')}');`,
].join(' ');

/** [label, code run in a fresh ESM process from the repo (the timed part), what runs before it]. */
const cases: Array<[string, string, string?]> = [
  ...[
    'commander',
    'zod',
    'yaml',
    'jsonc-parser',
    'pino',
    'rotating-file-stream',
    'conf',
    'ws',
    'cockatiel',
    'p-limit',
    'picocolors',
    'cookie',
    'open',
  ].map((name): [string, string] => [name, `await import('${name}')`]),
  ['dockerode (plain require)', `createRequire(import.meta.url)('dockerode')`],
  [
    'dockerode (loadDockerode: ssh2, gRPC deferred)',
    `(await import('${file('src/main/adapters/docker/load-dockerode.ts')}')).loadDockerode()`,
  ],
  [
    'out/cli/cli.cjs, required (compiled; evaluates what --help needs)',
    `createRequire(import.meta.url)('${resolve(repo, 'out/cli/cli.cjs')}')`,
  ],
  ['out/cli/cli.cjs through the code cache: compiled, cache written', cachedBundle(true), codeCacheSetup],
  ['out/cli/cli.cjs through the code cache: served from the cache', cachedBundle(false), codeCacheSetup],
];

function timeOnce(code: string, setup = ''): { wall: number; cpu: number } {
  const script = [
    "import { createRequire } from 'node:module';",
    setup,
    'const c0 = process.cpuUsage(); const t0 = performance.now();',
    code + ';',
    'const t1 = performance.now(); const c = process.cpuUsage(c0);',
    'console.log(JSON.stringify({ wall: t1 - t0, cpu: (c.user + c.system) / 1000 }));',
  ].join('\n');
  // tsx only for the TypeScript cases; its own start-up happens before the timed part.
  const args = (setup + code).includes('.ts')
    ? ['--import', 'tsx', '--input-type=module', '-e', script]
    : ['--input-type=module', '-e', script];
  const child = spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`${code}: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { wall: number; cpu: number };
}

const rows = cases.map(([label, code, setup]) => {
  const runs = Array.from({ length: ROUNDS }, () => timeOnce(code, setup));
  return [label, ms(median(runs.map((r) => r.wall))), ms(median(runs.map((r) => r.cpu)))];
});
const base = Array.from({ length: ROUNDS }, () => timeOnce('void 0'));
console.log(`bench/import-cost: median of ${ROUNDS} fresh processes each\n`);
console.log(
  table([
    ['import', 'wall', 'CPU'],
    ...rows,
    ['(nothing: the harness)', ms(median(base.map((r) => r.wall))), ms(median(base.map((r) => r.cpu)))],
  ]),
);
rmSync(resolve(tmpdir(), `sd-import-cost-${process.pid}.v8`), { force: true });
