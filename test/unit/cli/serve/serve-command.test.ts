import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../../src/main/app/app.ts';
import type { ChatService } from '../../../../src/main/app/chat-service.ts';
import { createApp } from '../../../../src/main/app/create-app.ts';
import type { DiagnosisService } from '../../../../src/main/app/diagnosis-service.ts';
import { createSettingsStore } from '../../../../src/main/adapters/settings/settings-store.ts';
import type { CliDeps } from '../../../../src/main/cli/cli-deps.ts';
import { runCli } from '../../../../src/main/cli/main.ts';
import { silentLogger } from '../../../../src/main/core/ports/logger.port.ts';
import { Emitter } from '../../../../src/shared/lifecycle/emitter.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { idleServices } from '../../app/idle-services.ts';

/** Services that never touch an engine: serve only subscribes to their events and hands them to the handlers. */
function engineFreeServices(): AppServices {
  const idle = (events: string[] = []): Record<string, unknown> => ({
    dispose: async () => undefined,
    ...Object.fromEntries(events.map((name) => [name, new Emitter<unknown>().event])),
  });
  const diagnosis = {
    last: null,
    checking: false,
    diagnose: async () => undefined,
    ...idle(['onStarted', 'onCompleted', 'onCheckingChange']),
  };
  return {
    engine: { dispose: () => undefined } as unknown as AppServices['engine'],
    diagnosis: diagnosis as unknown as DiagnosisService,
    chat: idle(['onEvent', 'onBreakerChange']) as unknown as ChatService,
    supervisor: { start: async () => undefined, ...idle(['onEvent']) } as unknown as AppServices['supervisor'],
    ...idleServices(),
    repair: idle(['onProgress']) as unknown as AppServices['repair'],
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * `stack-doctor serve --no-open --workspace DIR …` through the CLI's own option parsing, with `env` as the
 * process environment; stopped (as by SIGTERM) as soon as it prints its URL. No engine, no child process.
 */
async function runToEnd(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sd-serve-cmd-'));
  dirs.push(dir);
  let out = '';
  let err = '';
  let stop: (signal: string) => void = () => undefined;
  const deps: CliDeps = {
    stdout: {
      write: (text: string) => {
        out += text;
        if (out.includes('Stack Doctor dashboard: ')) stop('SIGTERM');
      },
      isTTY: false,
    },
    stderr: { write: (text: string) => (err += text) },
    env,
    cwd: dir,
    openApp: () =>
      createApp({
        logger: silentLogger,
        settings: createSettingsStore({ path: 'memory', read: () => ({}), write: () => undefined }, silentLogger),
        env,
        cwd: dir,
        clock: new FakeClock(),
        createServices: async () => engineFreeServices(),
      }),
    untilStopped: () => new Promise<string>((resolve) => (stop = resolve)),
  };
  const code = await runCli(['node', 'stack-doctor', 'serve', '--no-open', '--workspace', dir, ...args], deps);
  return { code, stdout: out, stderr: err };
}

describe('stack-doctor serve refuses unsafe tokens (no engine)', () => {
  it('refuses a short --token, and a short STACK_DOCTOR_TOKEN, with exit 3', async () => {
    const flag = await runToEnd(['--token', 'short']);
    expect(flag.code).toBe(3);
    expect(flag.stderr).toContain('at least 16 characters');
    const env = await runToEnd([], { STACK_DOCTOR_TOKEN: 'short' });
    expect(env.code).toBe(3);
    expect(env.stderr).toContain('STACK_DOCTOR_TOKEN: the token must be at least 16 characters');
  });

  it('takes the token from STACK_DOCTOR_TOKEN, so it need not show in ps', async () => {
    const run = await runToEnd([], { STACK_DOCTOR_TOKEN: 'from-the-environment-123' });
    expect(run.stdout).toMatch(/Stack Doctor dashboard: http:\/\/127\.0\.0\.1:\d+\/\?token=from-the-environment-123/);
    expect(run.code).toBe(0);
  });
});
