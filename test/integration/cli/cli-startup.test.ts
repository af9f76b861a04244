import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'sd-cli-startup-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Heavy CommonJS packages a command should load only when it needs them. */
const heavy = ['dockerode', 'cockatiel', 'ws', 'ssh2', '@grpc/grpc-js', 'protobufjs'];

/**
 * Runs the bin as a user does (the built CLI in out/cli: CI builds before the integration tests) with `args`, and
 * reports which of the heavy CommonJS packages got loaded, read from the require cache when the process exits.
 */
function loadedBy(args: string[]): { code: number | null; loaded: string[]; stderr: string } {
  const report = [
    "import { createRequire } from 'node:module';",
    "const cache = createRequire('/').cache;",
    `const heavy = ${JSON.stringify(heavy)};`,
    "process.on('exit', (code) => {",
    "  const loaded = heavy.filter((name) => Object.keys(cache).some((path) => path.includes('/node_modules/' + name + '/')));",
    "  process.stderr.write('LOADED ' + JSON.stringify({ code, loaded }) + '\\n');",
    '});',
  ].join('\n');
  const child = spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(report)}`, join(repo, 'bin', 'stack-doctor.js'), ...args],
    {
      cwd: dir,
      env: { ...process.env, STACK_DOCTOR_CONFIG_DIR: join(dir, 'config'), STACK_DOCTOR_LOG_DIR: join(dir, 'logs'), STACK_DOCTOR_DEV: '' },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  const line = child.stderr.split('\n').find((text) => text.startsWith('LOADED '));
  if (!line) throw new Error(`no report: ${child.stderr}`);
  const { code, loaded } = JSON.parse(line.slice('LOADED '.length)) as { code: number; loaded: string[] };
  return { code, loaded, stderr: child.stderr };
}

beforeAll(() => {
  if (!existsSync(join(repo, 'out', 'cli', 'main.js'))) throw new Error('out/cli is missing: run npm run build first');
});

describe('CLI startup loads only what the command needs', () => {
  it('--help, --version and settings load neither the Docker client, the chat client nor the servers', () => {
    expect(loadedBy(['--help'])).toMatchObject({ code: 0, loaded: [] });
    expect(loadedBy(['--version'])).toMatchObject({ code: 0, loaded: [] });
    expect(loadedBy(['settings', 'path'])).toMatchObject({ code: 0, loaded: [] });
    expect(loadedBy(['settings', 'get', 'refreshIntervalSec'])).toMatchObject({ code: 0, loaded: [] });
  });

  it('check loads the Docker client, but neither ssh2 (ssh:// engines only) nor gRPC (BuildKit sessions only)', () => {
    const { loaded } = loadedBy(['check', '--workspace', dir, '--json']);
    expect(loaded).toContain('dockerode');
    expect(loaded).not.toContain('ssh2');
    expect(loaded).not.toContain('@grpc/grpc-js');
    expect(loaded).not.toContain('protobufjs');
  });
});
