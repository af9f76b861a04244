import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'sd-cli-startup-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the CLI as the bin does (tsx, the process deps) with `args`, then reports which of the heavy CommonJS
 * packages got loaded: dockerode (the Docker client) and cockatiel (the chat client's breaker).
 */
function loadedBy(args: string[]): { code: number | null; loaded: string[]; stderr: string } {
  const script = `
    import { createRequire } from 'node:module';
    import { register } from 'tsx/esm/api';
    register();
    const { runCli } = await import('./src/main/cli/main.ts');
    const { processDeps } = await import('./src/main/cli/default-deps.ts');
    const code = await runCli(['node', 'stack-doctor', ...${JSON.stringify(args)}], processDeps());
    const cache = Object.keys(createRequire(import.meta.url).cache);
    const loaded = ['dockerode', 'cockatiel'].filter((name) => cache.some((path) => path.includes('/node_modules/' + name + '/')));
    process.stderr.write('LOADED ' + JSON.stringify({ code, loaded }) + '\\n');
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: repo,
    env: { ...process.env, STACK_DOCTOR_CONFIG_DIR: join(dir, 'config'), STACK_DOCTOR_LOG_DIR: join(dir, 'logs') },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = child.stderr.split('\n').find((text) => text.startsWith('LOADED '));
  if (!line) throw new Error(`no report: ${child.stderr}`);
  const { code, loaded } = JSON.parse(line.slice('LOADED '.length)) as { code: number; loaded: string[] };
  return { code, loaded, stderr: child.stderr };
}

describe('CLI startup loads only what the command needs', () => {
  it('--help and settings load neither the Docker client nor the chat client', () => {
    expect(loadedBy(['--help'])).toMatchObject({ code: 0, loaded: [] });
    expect(loadedBy(['settings', 'path'])).toMatchObject({ code: 0, loaded: [] });
    expect(loadedBy(['settings', 'get', 'refreshIntervalSec'])).toMatchObject({ code: 0, loaded: [] });
  });

  it('check loads them, through the app', () => {
    const { loaded } = loadedBy(['check', '--workspace', dir, '--json']);
    expect(loaded).toContain('dockerode');
  });
});
