import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect } from 'vitest';
import { diagnosisSchema, type Diagnosis, type Finding, type FindingId } from '../../../src/shared/model/index.ts';

const repo = resolve(import.meta.dirname, '../../..');
const bin = join(repo, 'bin', 'stack-doctor.js');

/**
 * A per-test workspace folder plus the CLI's own settings and log folders, all under one temp dir so the
 * real CLI never touches the user's config. Removed by {@link TempWorkspace.dispose}, which is registered
 * with afterAll when created at a file's top level or in a describe/beforeAll.
 */
export interface TempWorkspace {
  /** The workspace (`--workspace`), empty until {@link write}. */
  dir: string;
  /** `STACK_DOCTOR_CONFIG_DIR` and `STACK_DOCTOR_LOG_DIR` for the child process. */
  env: Record<string, string>;
  /** Writes `name` (relative to the workspace) with `text`. */
  write(name: string, text: string): Promise<void>;
  dispose(): Promise<void>;
}

export async function tempWorkspace(prefix = 'sd-check-'): Promise<TempWorkspace> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  const dir = join(root, 'ws');
  await mkdir(dir);
  const workspace: TempWorkspace = {
    dir,
    env: { STACK_DOCTOR_CONFIG_DIR: join(root, 'config'), STACK_DOCTOR_LOG_DIR: join(root, 'logs') },
    write: (name, text) => writeFile(join(dir, name), text),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
  try {
    afterAll(() => workspace.dispose());
  } catch {
    // Created inside a test: the caller disposes.
  }
  return workspace;
}

/** The compose labels that tie a container to `workspace` as service `service` of project `project`. */
export function composeLabels(workspace: string, project: string, service: string): Record<string, string> {
  return {
    'com.docker.compose.project': project,
    'com.docker.compose.service': service,
    'com.docker.compose.project.working_dir': workspace,
    'com.docker.compose.project.config_files': join(workspace, 'compose.yaml'),
    'com.docker.compose.container-number': '1',
  };
}

/** What one run of the real CLI did. */
export interface CheckRun {
  /** Exit code; null when killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time of the child process, ms. */
  wallMs: number;
}

export interface CheckRunOptions {
  /** Extra CLI arguments after `check --workspace DIR`, e.g. `['--json']`. */
  args?: string[];
  /** Added to (or, with undefined, removed from) the child's environment. */
  env?: Record<string, string | undefined>;
  /** Kill the child after this long, ms. Default 30 000. */
  timeoutMs?: number;
}

/**
 * Runs the real CLI, `node bin/stack-doctor.js …args`, as a child process with stdout piped (so not a TTY) and the
 * workspace's private config/log dirs. Variables that would steer it from outside the test (`ORCHESTRATOR_SERVICE_URL`,
 * `DOCKER_HOST`, `DOCKER_CONTEXT`, `NO_COLOR`, `FORCE_COLOR`) are cleared unless `env` sets them. Every CLI test
 * helper (check, smoke, bundle, repair) spawns through this one.
 */
export function runCli(workspace: TempWorkspace | string, args: string[], options: Omit<CheckRunOptions, 'args'> = {}): Promise<CheckRun> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    ORCHESTRATOR_SERVICE_URL: undefined,
    DOCKER_HOST: undefined,
    DOCKER_CONTEXT: undefined,
    NO_COLOR: undefined,
    FORCE_COLOR: undefined,
    ...(typeof workspace === 'string' ? {} : workspace.env),
    ...options.env,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, wallMs: performance.now() - started });
    });
  });
}

/** `node bin/stack-doctor.js check --workspace <dir> …args` through {@link runCli}. */
export function runCheck(workspace: TempWorkspace | string, options: CheckRunOptions = {}): Promise<CheckRun> {
  const dir = typeof workspace === 'string' ? workspace : workspace.dir;
  return runCli(workspace, ['check', '--workspace', dir, ...(options.args ?? [])], options);
}

/** `check --json`: asserts stdout is exactly one JSON object valid against diagnosisSchema and returns it. */
export async function runCheckJson(
  workspace: TempWorkspace | string,
  options: CheckRunOptions = {},
): Promise<CheckRun & { diagnosis: Diagnosis }> {
  const run = await runCheck(workspace, { ...options, args: ['--json', ...(options.args ?? [])] });
  let parsed: unknown;
  try {
    parsed = JSON.parse(run.stdout);
  } catch {
    throw new Error(`check --json did not print one JSON object (exit ${run.code}).\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
  const result = diagnosisSchema.safeParse(parsed);
  if (!result.success) throw new Error(`check --json output does not match diagnosisSchema: ${result.error.message}`);
  return { ...run, diagnosis: result.data };
}

/** The findings with `id`, optionally narrowed to a subject containing `subject`. */
export function findingsOf(diagnosis: Diagnosis, id: FindingId, subject?: string): Finding[] {
  return diagnosis.findings.filter((f) => f.id === id && (subject === undefined || f.subject.includes(subject)));
}

/** The one finding with `id` (about `subject`); fails the test with the findings present when missing. */
export function findingOf(diagnosis: Diagnosis, id: FindingId, subject?: string): Finding {
  const found = findingsOf(diagnosis, id, subject);
  expect(found, `${id}${subject ? ` for ${subject}` : ''} in ${summarize(diagnosis)}`).toHaveLength(1);
  return found[0] as Finding;
}

/** `ID subject; …`: what a failing assertion should show. */
export function summarize(diagnosis: Diagnosis): string {
  return `[${diagnosis.verdict}] ${diagnosis.findings.map((f) => `${f.id} ${f.subject} (${f.summary})`).join('; ') || 'no findings'}`;
}

/** A stack trace line as node prints it (`    at fn (file:line:col)`). */
export const STACK_TRACE = /^\s+at .+[:(]\d+/m;
