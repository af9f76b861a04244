import { describe, expect, it } from 'vitest';
import { parseComposeFile } from '../../../../src/main/core/discovery/compose-file.ts';
import { mergeComposeModels, projectNetworkNames, serviceNetworkNames } from '../../../../src/main/core/discovery/compose-model.ts';
import type { ComposeModel } from '../../../../src/main/core/discovery/compose-model.ts';
import { fixtureText } from './support/memory-workspace.ts';

function model(file: string, text: string): ComposeModel {
  const result = parseComposeFile(file, text);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.model;
}

describe('parseComposeFile', () => {
  const forms = model('/ws/compose-forms/compose.yaml', fixtureText('compose-forms/compose.yaml'));
  const service = (name: string) => forms.services.find((s) => s.name === name)!;

  it('takes the project name from `name:`, normalised', () => {
    expect(forms.projectName).toBe('forms_demo');
    expect(forms.explicitName).toBe(true);
  });

  it('defaults the project name to the normalised directory name', () => {
    const result = model('/home/me/My Project.v2/docker-compose.yml', 'services: {}\n');
    expect(result.projectName).toBe('myprojectv2');
    expect(result.explicitName).toBe(false);
    expect(model('/x/_Under/compose.yaml', '').projectName).toBe('under');
  });

  it('reads depends_on, environment and networks in list and map forms', () => {
    expect(service('web').dependsOn).toEqual(['api']);
    expect(service('web').environment).toEqual({ SHARED: '1' });
    expect(service('web').networks).toEqual([{ key: 'front', aliases: ['www', 'portal'] }]);
    expect(service('web').containerName).toBe('forms-web');
    expect(service('api').networks).toEqual([
      { key: 'front', aliases: [] },
      { key: 'back', aliases: [] },
    ]);
    // `FROM_SHELL` has no value here: it comes from the user's shell, so it is skipped.
    expect(service('api').environment).toEqual({
      API_URL: 'https://api.example.com',
      UPSTREAM: 'http://${UPSTREAM_HOST}:9000',
      CACHE_URL: 'redis://cache',
    });
  });

  it('reads the incident fixture: map depends_on, map env with an interpolated default, aliases', () => {
    const incident = model('/ws/incident/docker-compose.yml', fixtureText('incident/docker-compose.yml'));
    const orchestrator = incident.services.find((s) => s.name === 'orchestrator-service')!;
    expect(orchestrator.dependsOn).toEqual(['db']);
    expect(orchestrator.environment.DATABASE_URL).toBe('postgres://app:secret@db:5432/app');
    expect(orchestrator.ports).toEqual([{ containerPort: 8006, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8006 }]);
    expect(orchestrator.healthcheck).toEqual({ test: ['CMD', 'wget', '-qO-', 'http://localhost:8006/health'], disable: false });
    expect(incident.services.find((s) => s.name === 'db')!.networks).toEqual([{ key: 'backend', aliases: ['postgres'] }]);
    expect(projectNetworkNames(incident)).toEqual(['incident_backend']);
  });

  it('parses short and long port forms', () => {
    expect(service('web').ports).toEqual([{ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8080 }]);
    expect(service('api').ports).toEqual([
      { containerPort: 9000, protocol: 'tcp' },
      { containerPort: 443, protocol: 'tcp', hostIp: '::1', hostPort: 9443 },
      { containerPort: 7000, protocol: 'tcp', hostPort: 7000 },
      { containerPort: 7001, protocol: 'tcp', hostPort: 7001 },
      { containerPort: 7002, protocol: 'tcp', hostPort: 7002 },
    ]);
  });

  it('names networks as the engine does', () => {
    expect(serviceNetworkNames(forms, service('web'))).toEqual(['forms_demo_front']);
    expect(serviceNetworkNames(forms, service('api'))).toEqual(['forms_demo_front', 'shared-backend']);
    expect(serviceNetworkNames(forms, service('cache'))).toEqual([]);
    expect(service('cache').networkMode).toBe('host');
    expect(service('cache').healthcheck).toEqual({ test: 'redis-cli ping', disable: false });
    expect(projectNetworkNames(forms)).toEqual(['forms_demo_front', 'shared-backend', 'legacy']);
    const plain = model('/ws/app/compose.yaml', 'services:\n  a: { image: x }\n');
    expect(serviceNetworkNames(plain, plain.services[0]!)).toEqual(['app_default']);
  });

  it('merges override files like -f a -f b', () => {
    const override = model('/ws/compose-forms/compose.override.yaml', fixtureText('compose-forms/compose.override.yaml'));
    const merged = mergeComposeModels('forms_demo', [forms, override]);
    const api = merged.services.find((s) => s.name === 'api')!;
    expect(api.environment.EXTRA).toBe('yes');
    expect(api.environment.API_URL).toBe('https://api.example.com');
    expect(api.dependsOn).toEqual(['cache']);
    expect(merged.files).toEqual(['/ws/compose-forms/compose.yaml', '/ws/compose-forms/compose.override.yaml']);
  });

  it('reports a YAML error with file and line', () => {
    const result = parseComposeFile('/ws/broken/docker-compose.yml', fixtureText('broken-files/docker-compose.yml'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({ file: '/ws/broken/docker-compose.yml', line: 4 });
  });

  it('reports a `services` that is not a mapping', () => {
    const result = parseComposeFile('/ws/x/compose.yaml', 'version: "3"\nservices:\n  - web\n');
    expect(result).toMatchObject({ ok: false, issues: [{ line: 2, field: 'services' }] });
  });
});
