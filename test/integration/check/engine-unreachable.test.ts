import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findingOf, runCheck, runCheckJson, STACK_TRACE, summarize, tempWorkspace } from './run-check.ts';

/** `DOCKER_HOST` at a socket that does not exist: the check still reports, from files and host probes. */
const missingSocket = `unix:///tmp/sd-missing-${randomBytes(4).toString('hex')}.sock`;
const compose = [
  'services:',
  '  orchestrator-service:',
  '    image: example/orchestrator',
  '    ports: ["127.0.0.1:8006:8006"]',
  '  web:',
  '    image: example/web',
  '    environment:',
  '      ORCHESTRATOR_SERVICE_URL: http://orchestrator-service:8006',
  '',
].join('\n');

describe('check: engine unreachable', () => {
  it('reports DOCKER_UNREACHABLE, verdict unhealthy, exit 2, still decides the orchestrator target, no stack trace', async () => {
    const ws = await tempWorkspace('sd-noengine-');
    await ws.write('compose.yaml', compose);

    const { code, diagnosis, stdout, stderr } = await runCheckJson(ws, { env: { DOCKER_HOST: missingSocket } });

    expect(stdout.trim().startsWith('{') && stdout.trim().endsWith('}')).toBe(true);
    const unreachable = findingOf(diagnosis, 'DOCKER_UNREACHABLE');
    expect(unreachable).toMatchObject({ severity: 'error', subject: missingSocket });
    expect(unreachable.fix.action).toEqual({ kind: 'start-engine', params: { endpoint: missingSocket } });
    expect(diagnosis.engine).toMatchObject({ ok: false, endpoint: missingSocket });
    expect(diagnosis.orchestrator.configuredUrl).toBe('http://orchestrator-service:8006');
    expect(diagnosis.orchestrator.decision).not.toBe('not-checked');
    expect(diagnosis.orchestrator.attempts.length).toBeGreaterThan(0);
    // Files still describe the stack; without the engine no container finding may be invented.
    expect(diagnosis.services.map((s) => s.name).sort()).toEqual(['orchestrator-service', 'web']);
    expect(
      diagnosis.findings.map((f) => f.id),
      summarize(diagnosis),
    ).not.toContain('SERVICE_NOT_CREATED');
    expect(diagnosis.verdict).toBe('unhealthy');
    expect(code).toBe(2);
    // A verdict, not a crash: nothing at all on stderr (logs go to the log file unless --verbose).
    expect(stderr).toBe('');
  });

  it('prints the human report with the engine line and the finding, no stack trace', async () => {
    const ws = await tempWorkspace('sd-noengine-human-');
    const { code, stdout, stderr } = await runCheck(ws, { env: { DOCKER_HOST: missingSocket } });

    expect(stdout.split('\n')[0]).toMatch(/^✖ UNHEALTHY\b/);
    expect(stdout).toContain(`Engine:       unreachable at ${missingSocket}`);
    expect(stdout).toContain('DOCKER_UNREACHABLE');
    expect(stderr).not.toMatch(STACK_TRACE);
    expect(code).toBe(2);
  });
});
