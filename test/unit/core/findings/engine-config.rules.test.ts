import { describe, expect, it } from 'vitest';
import { configFindings, noStackFindings } from '../../../../src/main/core/findings/config.rules.ts';
import { engineFindings } from '../../../../src/main/core/findings/engine.rules.ts';
import { failed, okEngine } from './builders.ts';

describe('engineFindings', () => {
  it('is silent when the engine answers', () => {
    expect(engineFindings(okEngine())).toEqual([]);
  });

  it('names the endpoint and context in DOCKER_UNREACHABLE', () => {
    const [f] = engineFindings({
      ok: false,
      endpoint: 'unix:///tmp/missing.sock',
      context: 'colima',
      probe: failed('engine', 'unix:///tmp/missing.sock', 'ENGINE_UNREACHABLE'),
    });
    expect(f).toMatchObject({ id: 'DOCKER_UNREACHABLE', severity: 'error', subject: 'unix:///tmp/missing.sock' });
    expect(f?.fix.description).toContain('unix:///tmp/missing.sock');
    expect(f?.fix.description).toContain('DOCKER_HOST');
    expect(f?.fix.action).toEqual({ kind: 'start-engine', params: { endpoint: 'unix:///tmp/missing.sock' } });
  });
});

describe('configFindings', () => {
  it('gives one CONFIG_INVALID per issue, subject file:line, summary naming the field', () => {
    const findings = configFindings([
      { file: '/ws/stack-doctor.yaml', line: 4, column: 7, field: 'services.api.health', message: 'Invalid URL' },
      { file: '/ws/stack-doctor.yaml', line: 9, column: 3, field: 'probe.timeoutMs', message: 'Too small' },
    ]);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ id: 'CONFIG_INVALID', severity: 'error', subject: '/ws/stack-doctor.yaml:4' });
    expect(findings[0]?.summary).toContain('services.api.health');
    expect(findings[1]?.fix.action?.params).toMatchObject({ field: 'probe.timeoutMs', line: 9, column: 3 });
  });
});

describe('noStackFindings', () => {
  const empty = { workspace: '/ws', projects: [], services: [], aliases: [] };

  it('lists --project for each compose project the engine runs', () => {
    const [f] = noStackFindings({
      stack: empty,
      otherProjects: [
        { name: 'shop', workingDir: '/src/shop', containers: 3 },
        { name: 'blog', containers: 1 },
      ],
      engineOk: true,
    });
    expect(f).toMatchObject({ id: 'NO_STACK_FOUND', severity: 'warning' });
    expect(f?.fix.description).toContain('--project shop');
    expect(f?.fix.description).toContain('--project blog');
    expect(f?.fix.command).toBe('stack-doctor check --project shop');
  });

  it('is silent when something matched', () => {
    expect(
      noStackFindings({
        stack: { ...empty, projects: [{ name: 'p', kind: 'compose', files: [], networks: [] }] },
        otherProjects: [],
        engineOk: true,
      }),
    ).toEqual([]);
  });
});
