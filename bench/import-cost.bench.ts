/**
 * bench/import-cost: what each runtime package and each CLI entry costs to load, each timed in a fresh `node`
 * (wall and CPU of one `import()`, medians over BENCH_ROUNDS processes; CPU is steadier on a shared machine).
 * Packages are timed as npm installed them (unbundled); the out/cli rows are what the CLI, which bundles the pure-JS
 * ones, really loads. Needs `npm run build` first. Prints a table for bench/README.md; always exits 0.
 *
 *   npx tsx bench/import-cost.bench.ts        # BENCH_ROUNDS=7 by default
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, ms, table } from './support/stats.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const repo = resolve(import.meta.dirname, '..');
const file = (path: string): string => pathToFileURL(resolve(repo, path)).href;
/** The out/cli chunk whose name starts with `prefix` (esbuild names lazy chunks after their entry source file). */
const chunk = (prefix: string): string => {
  const name = readdirSync(resolve(repo, 'out/cli/chunks')).find((entry) => entry.startsWith(`${prefix}-`));
  if (!name) throw new Error(`no out/cli chunk ${prefix}: run npm run build`);
  return file(`out/cli/chunks/${name}`);
};

/** [label, code run in a fresh ESM process from the repo; the timed part is between the marks]. */
const cases: Array<[string, string]> = [
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
  ['out/cli/main.js (what --help loads; --version loads nothing)', `await import('${file('out/cli/main.js')}')`],
  ['out/cli/default-deps.js (logger, settings)', `await import('${file('out/cli/default-deps.js')}')`],
  [
    'all that `check` loads from out/cli (main, deps, check.command, create-core-services chunks)',
    [file('out/cli/main.js'), file('out/cli/default-deps.js'), chunk('check.command'), chunk('create-core-services')]
      .map((url) => `await import('${url}')`)
      .join('; '),
  ],
  ['create-app-services chunk (chat, supervisor, smoke, bundle, repair: not for check)', `await import('${chunk('create-app-services')}')`],
];

function timeOnce(code: string): { wall: number; cpu: number } {
  const script = [
    "import { createRequire } from 'node:module';",
    'const c0 = process.cpuUsage(); const t0 = performance.now();',
    code + ';',
    'const t1 = performance.now(); const c = process.cpuUsage(c0);',
    'console.log(JSON.stringify({ wall: t1 - t0, cpu: (c.user + c.system) / 1000 }));',
  ].join('\n');
  // tsx only for the one TypeScript case; its own start-up happens before the timed part.
  const args = code.includes('.ts') ? ['--import', 'tsx', '--input-type=module', '-e', script] : ['--input-type=module', '-e', script];
  const child = spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`${code}: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { wall: number; cpu: number };
}

const rows = cases.map(([label, code]) => {
  const runs = Array.from({ length: ROUNDS }, () => timeOnce(code));
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
