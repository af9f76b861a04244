import type { AppServices } from '../../../src/main/app/app.ts';
import { describe, expect, it } from 'vitest';
import type { ChatService } from '../../../src/main/app/chat-service.ts';
import { createApp } from '../../../src/main/app/create-app.ts';
import type { DiagnosisService } from '../../../src/main/app/diagnosis-service.ts';
import type { DiagnoseOptions } from '../../../src/main/core/diagnosis/diagnose-options.ts';
import { DiagnoseInputError } from '../../../src/main/core/errors.ts';
import { silentLogger } from '../../../src/main/core/ports/logger.port.ts';
import { createSettingsStore } from '../../../src/main/adapters/settings/settings-store.ts';
import type { CliDeps } from '../../../src/main/cli/cli-deps.ts';
import { exitCodeForDiagnosis } from '../../../src/main/cli/exit-codes.ts';
import { runCli } from '../../../src/main/cli/main.ts';
import type { Diagnosis } from '../../../src/shared/model/index.ts';
import { toDisposable } from '../../../src/shared/lifecycle/disposable.ts';
import { Emitter } from '../../../src/shared/lifecycle/emitter.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { diagnosisFixture, dnsFinding, fallbackFinding } from './diagnosis.fixture.ts';
import { idleServices } from '../app/idle-services.ts';

type Outcome = Diagnosis | Error;

function harness(outcome: Outcome) {
  const out: string[] = [];
  const err: string[] = [];
  const calls: DiagnoseOptions[] = [];
  let disposed = false;
  let closed = false;
  let stored: Record<string, unknown> = {};
  let servicesBuilt = 0;
  /** Timers pending on the app's clock while the command diagnosed: a one-shot command starts no periodic check. */
  const timersDuringCheck: number[] = [];
  const clock = new FakeClock();
  const diagnosis: DiagnosisService = {
    last: null,
    checking: false,
    diagnose: async (options = {}) => {
      calls.push(options);
      timersDuringCheck.push(clock.pending);
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
    onStarted: new Emitter<{ correlationId: string; workspace: string }>().event,
    onCompleted: new Emitter<Diagnosis>().event,
    onCheckingChange: new Emitter<boolean>().event,
    dispose: async () => {
      disposed = true;
    },
  };
  const deps: CliDeps = {
    stdout: { write: (text: string) => out.push(text), isTTY: false },
    stderr: { write: (text: string) => err.push(text) },
    env: {},
    cwd: '/home/dev/shop',
    openApp: () =>
      createApp({
        logger: silentLogger,
        settings: createSettingsStore({ path: 'memory', read: () => stored, write: (s) => (stored = { ...s }) }, silentLogger),
        env: {},
        cwd: '/home/dev/shop',
        clock,
        owns: [toDisposable(() => void (closed = true))],
        createServices: async () => {
          servicesBuilt += 1;
          return {
            engine: { dispose: () => undefined } as unknown as AppServices['engine'],
            diagnosis,
            chat: { dispose: async () => undefined } as unknown as ChatService,
            supervisor: { dispose: async () => undefined } as unknown as AppServices['supervisor'],
            ...idleServices(),
            repair: { dispose: async () => undefined } as unknown as AppServices['repair'],
          };
        },
      }),
  };
  const run = (...args: string[]) => runCli(['node', 'stack-doctor', ...args], deps);
  return {
    run,
    out: () => out.join(''),
    err: () => err.join(''),
    calls,
    state: () => ({ disposed, closed }),
    servicesBuilt: () => servicesBuilt,
    timersDuringCheck,
  };
}

describe('exitCodeForDiagnosis', () => {
  it('maps the verdict, and CONFIG_INVALID to 3', () => {
    expect(exitCodeForDiagnosis(diagnosisFixture({ verdict: 'healthy', findings: [] }))).toBe(0);
    expect(exitCodeForDiagnosis(diagnosisFixture({ verdict: 'degraded' }))).toBe(1);
    expect(exitCodeForDiagnosis(diagnosisFixture({ verdict: 'unhealthy' }))).toBe(2);
    const invalid = { ...dnsFinding, id: 'CONFIG_INVALID' as const, subject: 'stack-doctor.yaml' };
    expect(exitCodeForDiagnosis(diagnosisFixture({ verdict: 'unhealthy', findings: [invalid] }))).toBe(3);
  });
});

describe('stack-doctor check', () => {
  it('prints the report, exits with the verdict and closes what it opened', async () => {
    const h = harness(diagnosisFixture({ verdict: 'degraded', findings: [fallbackFinding] }));
    expect(await h.run('check', '--project', 'a', 'b', '--timeout', '900', '--orchestrator-url', 'http://orch:8006/')).toBe(1);
    expect(h.out().split('\n')[0]).toMatch(/^▲ DEGRADED/);
    expect(h.calls[0]).toEqual({ workspace: '/home/dev/shop', projects: ['a', 'b'], timeoutMs: 900, orchestratorUrl: 'http://orch:8006' });
    expect(h.state()).toEqual({ disposed: true, closed: true });
    expect(h.timersDuringCheck).toEqual([0]);
    expect(h.err()).toBe('');
  });

  it('--json prints exactly one JSON object, the Diagnosis', async () => {
    const diagnosis = diagnosisFixture();
    const h = harness(diagnosis);
    expect(await h.run('check', '--json', '--workspace', 'sub')).toBe(2);
    expect(JSON.parse(h.out())).toEqual(diagnosis);
    expect(h.calls[0]?.workspace).toBe('/home/dev/shop/sub');
  });

  it('exits 3 with one stderr line and no stack for a nonexistent workspace', async () => {
    const h = harness(new DiagnoseInputError('workspace /nope does not exist'));
    expect(await h.run('check', '--workspace', '/nope')).toBe(3);
    expect(h.err()).toBe('stack-doctor: workspace /nope does not exist\n');
    expect(h.out()).toBe('');
    expect(h.state().disposed).toBe(true);
  });

  it('adds the stack trace with --verbose', async () => {
    const h = harness(new DiagnoseInputError('workspace /nope does not exist'));
    expect(await h.run('--verbose', 'check', '--workspace', '/nope')).toBe(3);
    expect(h.err()).toContain('DiagnoseInputError: workspace /nope does not exist\n    at ');
  });

  it('prints a CONFIG_INVALID diagnosis and exits 3', async () => {
    const invalid = {
      ...dnsFinding,
      id: 'CONFIG_INVALID' as const,
      subject: 'stack-doctor.yaml:3',
      summary: 'services.api.timeoutMs: too small',
    };
    const h = harness(diagnosisFixture({ findings: [invalid] }));
    expect(await h.run('check', '--no-color')).toBe(3);
    expect(h.out()).toContain('CONFIG_INVALID');
    expect(h.err()).toBe('stack-doctor: invalid stack config: stack-doctor.yaml:3: services.api.timeoutMs: too small\n');
  });

  it('exits 3 on bad arguments with one line', async () => {
    for (const args of [
      ['check', '--timeout', 'soon'],
      ['check', '--timeout', '10'],
      ['check', '--orchestrator-url', 'nope'],
      ['check', '--bogus'],
      ['frobnicate'],
    ]) {
      const h = harness(diagnosisFixture());
      expect(await h.run(...args), args.join(' ')).toBe(3);
      expect(h.err().trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(h.err()).toMatch(/^stack-doctor: /);
      expect(h.calls).toHaveLength(0);
    }
  });

  it('exits 3 when the doctor returns something that is not a Diagnosis', async () => {
    const h = harness({ ...diagnosisFixture(), verdict: 'fine' } as unknown as Diagnosis);
    expect(await h.run('check', '--json')).toBe(3);
    expect(h.out()).toBe('');
    expect(h.err()).toMatch(/^stack-doctor: internal error: diagnosis does not match its schema \(verdict/);
  });

  it('--help exits 0', async () => {
    const h = harness(diagnosisFixture());
    expect(await h.run('--help')).toBe(0);
    expect(h.out()).toContain('Usage: stack-doctor');
  });
});

describe('stack-doctor settings', () => {
  it('sets, gets and rejects invalid values', async () => {
    const h = harness(diagnosisFixture());
    expect(await h.run('settings', 'set', 'probeTimeoutMs', '2500')).toBe(0);
    expect(await h.run('settings', 'set', 'workspaces', '["/a"]')).toBe(0);
    expect(await h.run('settings', 'get', 'probeTimeoutMs')).toBe(0);
    expect(h.out()).toContain('probeTimeoutMs = 2500\n');
    expect(h.out().trimEnd().endsWith('2500')).toBe(true);
    expect(await h.run('settings', 'set', 'probeTimeoutMs', '5')).toBe(3);
    expect(await h.run('settings', 'set', 'colour', 'blue')).toBe(3);
    expect(h.err()).toContain('unknown setting "colour"');
    // Settings need no services: the Docker and chat clients are never built (nor loaded) for them.
    expect(h.servicesBuilt()).toBe(0);
    expect(h.state().closed).toBe(true);
  });
});
