import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { diagnosisSchema } from '../../../src/shared/model/index.ts';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../../..');
const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** Packages only the Electron app, the UI build or development need: none may reach an installed CLI. */
const devOnly = ['electron', 'vite', 'tsx', 'typescript', 'esbuild', 'react', 'react-dom', 'electron-vite'];

let root: string;
let prefix: string;
let bin: string;
/** Neither the repo nor the package: the installed tool must work from any folder. */
let elsewhere: string;
let env: NodeJS.ProcessEnv;
const children: ChildProcess[] = [];

/** Every package folder name (scoped as `@scope/name`) under `dir`'s node_modules trees, recursively. */
function installedPackages(dir: string, found = new Set<string>()): Set<string> {
  const modules = join(dir, 'node_modules');
  if (!existsSync(modules)) return found;
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith('.')) continue;
    const names = entry.startsWith('@') ? readdirSync(join(modules, entry)).map((name) => `${entry}/${name}`) : [entry];
    for (const name of names) {
      found.add(name);
      installedPackages(join(modules, name), found);
    }
  }
  return found;
}

/** Starts the installed `stack-doctor` with `args` and resolves with the first stdout line starting with `prefix`. */
async function startUntilLine(args: string[], linePrefix: string): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(bin, args, { cwd: elsewhere, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((done, fail) => {
    createInterface({ input: child.stdout! }).on('line', (text) => text.startsWith(linePrefix) && done(text));
    child.once('exit', (code) => fail(new Error(`stack-doctor ${args[0]} exited with ${code}: ${stderr}`)));
  });
  return { child, line: line.slice(linePrefix.length) };
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  child.kill('SIGTERM');
  return exited;
}

beforeAll(async () => {
  for (const built of ['out/cli/launch.js', 'out/cli/cli.cjs', 'out/renderer/index.html']) {
    if (!existsSync(join(repo, built))) throw new Error(`${built} is missing: run npm run build first`);
  }
  root = mkdtempSync(join(tmpdir(), 'sd-install-'));
  prefix = join(root, 'prefix');
  elsewhere = join(root, 'elsewhere');
  mkdirSync(elsewhere);
  env = {
    ...process.env,
    STACK_DOCTOR_CONFIG_DIR: join(root, 'config'),
    STACK_DOCTOR_LOG_DIR: join(root, 'logs'),
    STACK_DOCTOR_CACHE_DIR: join(root, 'cache'),
    NO_COLOR: '1',
  };
  // The build already ran (CI builds before the integration tests); --ignore-scripts skips `prepare`'s second build.
  await run(npm, ['pack', '--ignore-scripts', '--pack-destination', root], { cwd: repo });
  const tarball = join(root, `stack-doctor-${version}.tgz`);
  // As a user would install it (a global install into a temporary prefix), from the local npm cache when it can.
  // --ignore-scripts: the package has no install script of its own; the dependencies' are optional native builds.
  await run(npm, ['install', '--global', '--prefix', prefix, tarball, '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: root,
    env: { ...process.env, npm_config_loglevel: 'error' },
  });
  bin = join(prefix, 'bin', 'stack-doctor');
}, 180_000);

afterEach(async () => {
  await Promise.all(children.splice(0).map(stop));
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('npm pack → npm install -g: the installed tool', () => {
  it('pulls in only the runtime dependencies', () => {
    const packages = installedPackages(join(prefix, 'lib', 'node_modules', 'stack-doctor'));
    expect(packages).toContain('dockerode');
    expect(packages).toContain('commander');
    expect(devOnly.filter((name) => packages.has(name))).toEqual([]);
    const shipped = readdirSync(join(prefix, 'lib', 'node_modules', 'stack-doctor', 'out')).sort();
    expect(shipped).toEqual(['cli', 'renderer']);
  });

  it('prints its version with --version and -V', async () => {
    for (const flag of ['--version', '-V']) {
      const { stdout } = await run(bin, [flag], { cwd: elsewhere, env });
      expect(stdout).toBe(`${version}\n`);
    }
  });

  it('check --json diagnoses a workspace from another folder', async () => {
    const workspace = mkdtempSync(join(root, 'ws-'));
    const child = spawn(bin, ['check', '--json', '--workspace', workspace], { cwd: elsewhere, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code, stderr).toBeLessThanOrEqual(2);
    const diagnosis = diagnosisSchema.parse(JSON.parse(stdout));
    expect(diagnosis.workspace).toBe(workspace);
    expect(['healthy', 'degraded', 'unhealthy']).toContain(diagnosis.verdict);
    // The installed launcher stored the command's code cache for the next run.
    expect(readdirSync(join(root, 'cache')).filter((name) => name.startsWith('check.') && name.endsWith('.v8'))).toHaveLength(1);
  });

  it('serve answers its dashboard URL with the built index.html', async () => {
    const { child, line } = await startUntilLine(
      ['serve', '--no-open', '--port', '0', '--workspace', elsewhere],
      'Stack Doctor dashboard: ',
    );
    const response = await fetch(line);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(readFileSync(join(repo, 'out', 'renderer', 'index.html'), 'utf8'));
    expect(await stop(child)).toBe(0);
  });

  it('chat talks to an orchestrator (the packaged agent stub)', async () => {
    const { line } = await startUntilLine(['agent-stub', '--port', '0'], 'Agent stub listening on ');
    const target = line.split(' ')[0]!;
    const { stdout } = await run(bin, ['chat', 'hello there', '--target', target, '--transport', 'http', '--json'], {
      cwd: elsewhere,
      env,
    });
    const events = stdout
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as { type: string; response?: string });
    expect(events.at(-1)).toMatchObject({ type: 'complete', response: expect.stringContaining('received 2 words') });
  });
});
