import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Programs the stub PATH holds: the tools a fix command may name, plus what an injected command would
 * reach for. Anything else a pasted line tries to run is "not found" on stderr, which the caller checks.
 */
export const STUB_PROGRAMS = [
  'docker',
  'getent',
  'curl',
  'devcontainer',
  'stack-doctor',
  'sh',
  'bash',
  'dash',
  'id',
  'touch',
  'rm',
  'wget',
  'nc',
  'cat',
  'ls',
  'env',
  'y',
  'x',
] as const;

/** What a line pasted into `sh -c` did under the stub PATH. */
export interface PastedRun {
  /** One entry per program run, in order: `[program, ...args]`, args exactly as the program received them. */
  calls: string[][];
  stderr: string;
  /** Exit status of the shell. */
  status: number | null;
  /** Files that appeared in the shell's working directory (an injected `touch`, a `> file` redirection). */
  created: string[];
}

export interface StubShell {
  /** Runs `line` with `/bin/sh -c` in an empty folder, with PATH holding only the stubs. */
  run(line: string): Promise<PastedRun>;
  dispose(): Promise<void>;
}

/**
 * A folder of stub programs, each a node script that appends its name and argv as one JSON line to a log,
 * so an argument holding newlines or quotes is recorded exactly. The shell gets no other PATH entry.
 */
export async function createStubShell(): Promise<StubShell> {
  const root = await mkdtemp(join(tmpdir(), 'sd-stub-shell-'));
  const bin = join(root, 'bin');
  await mkdir(bin);
  const script = [
    `#!${process.execPath}`,
    `const { appendFileSync } = require('node:fs');`,
    `const { basename } = require('node:path');`,
    `appendFileSync(process.env.STUB_LOG, JSON.stringify([basename(process.argv[1]), ...process.argv.slice(2)]) + '\\n');`,
    '',
  ].join('\n');
  for (const name of STUB_PROGRAMS) {
    await writeFile(join(bin, name), script);
    await chmod(join(bin, name), 0o755);
  }
  let runs = 0;
  return {
    async run(line) {
      runs += 1;
      const cwd = join(root, `run-${runs}`);
      await mkdir(cwd);
      const log = join(root, `run-${runs}.log`);
      await writeFile(log, '');
      const result = spawnSync('/bin/sh', ['-c', line], {
        cwd,
        env: { PATH: bin, STUB_LOG: log, HOME: cwd },
        encoding: 'utf8',
        timeout: 20_000,
      });
      const text = await readFile(log, 'utf8');
      const calls = text
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as string[]);
      return { calls, stderr: result.stderr, status: result.status, created: await readdir(cwd) };
    },
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}

/** Programs a fix may tell the user to run; a backticked span in prose starting with one is a command. */
export const FIX_TOOLS = new Set(['docker', 'getent', 'curl', 'devcontainer', 'stack-doctor']);

/** The backticked spans of a text that are commands for one of {@link FIX_TOOLS}. */
export function commandsInProse(text: string | undefined): string[] {
  if (!text) return [];
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '').filter((span) => FIX_TOOLS.has(span.split(' ')[0] ?? ''));
}
