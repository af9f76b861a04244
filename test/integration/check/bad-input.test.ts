import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingOf, runCheck, runCheckJson, STACK_TRACE, tempWorkspace } from './run-check.ts';

/** Exit 3, "could not diagnose": an invalid stack config and a workspace that does not exist. */
const INVALID_CONFIG = ['# probe settings', 'orchestrator:', '  aliases: [orchestrator-service]', 'probe: { timeoutMs: "fast" }', ''].join(
  '\n',
);
const LINE = 4;

describe('check: invalid stack-doctor.yaml', () => {
  it('--json: exit 3, CONFIG_INVALID naming file, line and probe.timeoutMs, and one stderr line saying so', async () => {
    const ws = await tempWorkspace('sd-badconfig-');
    await ws.write('stack-doctor.yaml', INVALID_CONFIG);
    const file = join(ws.dir, 'stack-doctor.yaml');

    const { code, diagnosis, stderr } = await runCheckJson(ws);

    const invalid = findingOf(diagnosis, 'CONFIG_INVALID');
    expect(invalid.subject).toBe(`${file}:${LINE}`);
    expect(invalid.summary).toContain('probe.timeoutMs');
    expect(invalid.fix.action).toMatchObject({ kind: 'edit-config', params: { file, line: LINE, field: 'probe.timeoutMs' } });
    expect(diagnosis.orchestrator.decision).toBe('not-checked');
    expect(code).toBe(3);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${file}:${LINE}`);
    expect(lines[0]).toContain('probe.timeoutMs');
    expect(stderr).not.toMatch(STACK_TRACE);
  });

  it('human output: exit 3, the report names the file, line and field', async () => {
    const ws = await tempWorkspace('sd-badconfig-human-');
    await ws.write('stack-doctor.yaml', INVALID_CONFIG);
    const file = join(ws.dir, 'stack-doctor.yaml');

    const { code, stdout, stderr } = await runCheck(ws);

    expect(code).toBe(3);
    expect(stdout.split('\n')[0]).toMatch(/^✖ NOT DIAGNOSED \(invalid configuration\) {2}1 error/);
    expect(stdout).toContain(`CONFIG_INVALID ${file}:${LINE}`);
    expect(stdout).toContain('probe.timeoutMs');
    expect(stdout).not.toContain('\u001b[');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('probe.timeoutMs');
  });
});

describe('check: nonexistent workspace', () => {
  for (const json of [true, false]) {
    it(`${json ? '--json' : 'human'}: exit 3 with one clear stderr line, nothing on stdout, no stack trace`, async () => {
      const ws = await tempWorkspace('sd-noworkspace-');
      const missing = join(ws.dir, 'does-not-exist');

      const { code, stdout, stderr } = await runCheck({ ...ws, dir: missing }, { args: json ? ['--json'] : [] });

      expect(code).toBe(3);
      expect(stdout).toBe('');
      expect(stderr).toBe(`stack-doctor: Workspace ${missing} does not exist or is not a directory.\n`);
    });
  }
});
