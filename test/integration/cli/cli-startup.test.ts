import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'sd-cli-startup-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Metafile {
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
}

/** What esbuild put in out/cli/cli.cjs (scripts/build-cli.js writes its metafile next to out/cli). */
let meta: Metafile;

/** `…node_modules/<name>/…` → the (innermost) package name, scoped as `@scope/name`; a source file stays its path. */
function packageOf(input: string): string {
  const match = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match ? match[1]! : input;
}

/**
 * A module loader hook, run on node's loader thread: appends the URL of every ES module loaded to a file. Written
 * synchronously, so nothing is lost when the process exits right after its last import.
 */
const recordLoads = [
  "import { appendFileSync } from 'node:fs';",
  'let file;',
  'export function initialize(data) { file = data.file; }',
  "export async function load(url, context, next) { appendFileSync(file, url + '\\n'); return next(url, context); }",
].join('\n');

interface ScriptCoverage {
  url: string;
  functions: Array<{ functionName: string; ranges: Array<{ count: number }> }>;
}

/**
 * The bundle's modules that ran, from V8's coverage of out/cli/cli.cjs. esbuild wraps each module reached through
 * an `import()` (and each CommonJS package) in an init function named after its input path, which runs when the
 * module is first imported; every other input of the bundle runs when the bundle loads.
 */
function evaluatedInBundle(coverageDir: string): string[] {
  const scripts = readdirSync(coverageDir).flatMap(
    (name) => (JSON.parse(readFileSync(join(coverageDir, name), 'utf8')) as { result: ScriptCoverage[] }).result,
  );
  const bundle = scripts.find((script) => script.url.endsWith('out/cli/cli.cjs'));
  if (!bundle) return [];
  // The inputs that left code in the bundle (a file that only re-exports leaves none).
  const inputs = Object.entries(meta.outputs['out/cli/cli.cjs']!.inputs).flatMap(([input, { bytesInOutput }]) =>
    bytesInOutput > 0 ? [input] : [],
  );
  const wrapped = new Map<string, boolean>();
  for (const fn of bundle.functions) {
    if (inputs.includes(fn.functionName)) wrapped.set(fn.functionName, (wrapped.get(fn.functionName) ?? false) || fn.ranges[0]!.count > 0);
  }
  return inputs.filter((input) => wrapped.get(input) ?? true);
}

/**
 * Runs the bin as a user does (the built CLI in out/cli: CI builds before the integration tests) with `args`, and
 * reports every package and source file it evaluated: the bundled ones from V8's coverage of the bundle, the
 * external ones (dockerode and what it requires) from the require cache and the ES module loader.
 */
function loadedBy(args: string[]): { code: number | null; loaded: Set<string>; stderr: string } {
  const run = mkdtempSync(join(dir, 'run-'));
  const urls = join(run, 'loads.txt');
  const report = [
    "import { createRequire, register } from 'node:module';",
    `register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(recordLoads)}`)}, { data: { file: ${JSON.stringify(urls)} } });`,
    "const cache = createRequire('/').cache;",
    "process.on('exit', (code) => process.stderr.write('LOADED ' + JSON.stringify({ code, required: Object.keys(cache) }) + '\\n'));",
  ].join('\n');
  const child = spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(report)}`, join(repo, 'bin', 'stack-doctor.js'), ...args],
    {
      cwd: dir,
      env: {
        ...process.env,
        STACK_DOCTOR_CONFIG_DIR: join(dir, 'config'),
        STACK_DOCTOR_LOG_DIR: join(dir, 'logs'),
        // A cache of this run's own: a run served by a code cache is still covered, but one compiled is simplest.
        STACK_DOCTOR_CACHE_DIR: join(run, 'cache'),
        NODE_V8_COVERAGE: join(run, 'coverage'),
        STACK_DOCTOR_DEV: '',
      },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  const line = child.stderr.split('\n').find((text) => text.startsWith('LOADED '));
  if (!line) throw new Error(`no report: ${child.stderr}`);
  const { code, required } = JSON.parse(line.slice('LOADED '.length)) as { code: number; required: string[] };
  const loaded = new Set<string>();
  for (const path of required) if (path.includes('/node_modules/')) loaded.add(packageOf(path));
  for (const url of existsSync(urls) ? readFileSync(urls, 'utf8').split('\n') : []) {
    if (url.startsWith('file:') && url.includes('/node_modules/')) loaded.add(packageOf(fileURLToPath(url)));
  }
  if (existsSync(join(run, 'coverage'))) for (const input of evaluatedInBundle(join(run, 'coverage'))) loaded.add(packageOf(input));
  return { code, loaded, stderr: child.stderr };
}

/** Whether `loaded` holds any source file under `folder` (e.g. `src/main/cli/serve/`). */
const anyUnder = (loaded: Set<string>, folder: string): boolean => [...loaded].some((input) => input.startsWith(folder));

/**
 * What only other commands need: servers, bundles, smoke reports, conf (settings are a plain JSON file). cockatiel is
 * not here: the engine client's event stream takes its reconnect backoff from it.
 */
const notForCheck = ['conf', 'ajv', 'tar-stream', 'xmlbuilder2', 'open', 'cookie', 'ssh2', '@grpc/grpc-js', 'protobufjs'];
const notForCheckSources = [
  'src/main/adapters/orchestrator/',
  'src/main/cli/serve/serve-command.ts',
  'src/main/cli/serve/serve-server.ts',
  'src/main/adapters/bundle/',
  'src/main/core/smoke/',
  'src/main/app/create-app-services.ts',
];

beforeAll(() => {
  for (const built of ['out/cli/cli.cjs', 'out/cli.meta.json']) {
    if (!existsSync(join(repo, built))) throw new Error(`${built} is missing: run npm run build first`);
  }
  meta = JSON.parse(readFileSync(join(repo, 'out', 'cli.meta.json'), 'utf8')) as Metafile;
});

describe('CLI startup loads only what the command needs', () => {
  it('--version and -V load nothing of the CLI: the bin answers from package.json', () => {
    for (const args of [['--version'], ['-V']]) {
      const { code, loaded } = loadedBy(args);
      expect(code).toBe(0);
      expect([...loaded]).toEqual([]);
    }
  });

  it('--help loads commander, but neither the model (zod), the app, the Docker client nor the logger', () => {
    const { code, loaded } = loadedBy(['--help']);
    expect(code).toBe(0);
    expect(loaded).toContain('commander');
    for (const name of ['zod', 'dockerode', 'pino', 'yaml', 'ws', 'cockatiel', 'conf', 'cookie'])
      expect(loaded, `--help loads ${name}`).not.toContain(name);
    expect(anyUnder(loaded, 'src/main/app/')).toBe(false);
  });

  it('settings loads neither the Docker client, the chat client, the servers nor conf', () => {
    for (const args of [
      ['settings', 'path'],
      ['settings', 'get', 'refreshIntervalSec'],
    ]) {
      const { code, loaded } = loadedBy(args);
      expect(code).toBe(0);
      expect(loaded).toContain('zod');
      for (const name of ['dockerode', 'ws', 'yaml', 'cockatiel', ...notForCheck])
        expect(loaded, `${args.join(' ')} loads ${name}`).not.toContain(name);
    }
  });

  it('check loads the Docker client, but not what only chat, serve, bundle, smoke or ssh:// engines need', () => {
    const { loaded } = loadedBy(['check', '--workspace', dir, '--json']);
    expect(loaded).toContain('dockerode');
    expect(loaded).toContain('src/main/app/create-diagnosis-service.ts');
    for (const name of notForCheck) expect(loaded, `check loads ${name}`).not.toContain(name);
    // ws loads on the first WebSocket handshake: this stack has no ws:// target.
    expect(loaded, 'check loads ws').not.toContain('ws');
    for (const folder of notForCheckSources) expect(anyUnder(loaded, folder), `check loads ${folder}`).toBe(false);
  });
});
