import { describe, expect, it } from 'vitest';
import { parseDevcontainer } from '../../../../src/main/core/discovery/devcontainer.ts';
import { fixtureText } from './support/memory-workspace.ts';

describe('parseDevcontainer', () => {
  it('reads a compose-based devcontainer (JSONC)', () => {
    const result = parseDevcontainer(
      '/ws/incident/.devcontainer/devcontainer.json',
      fixtureText('incident/.devcontainer/devcontainer.json'),
    );
    expect(result).toEqual({
      ok: true,
      model: {
        file: '/ws/incident/.devcontainer/devcontainer.json',
        name: 'Incident dev',
        composeFiles: ['/ws/incident/.devcontainer/docker-compose.yml'],
        service: 'dev',
        containerEnv: {},
        remoteEnv: { CHAT_WS_URL: 'ws://orchestrator-service:8006/chat/ws' },
        forwardPorts: [3000, 'orchestrator-service:8006'],
        networks: [],
      },
    });
  });

  it('resolves an array of compose files relative to .devcontainer/', () => {
    const text =
      '{ "dockerComposeFile": ["../docker-compose.yml", "docker-compose.extend.yml"], "service": "app", "runServices": ["app"] }';
    const result = parseDevcontainer('/ws/a/.devcontainer/devcontainer.json', text);
    if (!result.ok) throw new Error('expected ok');
    expect(result.model.composeFiles).toEqual(['/ws/a/docker-compose.yml', '/ws/a/.devcontainer/docker-compose.extend.yml']);
    expect(result.model.runServices).toEqual(['app']);
  });

  it('reads an image devcontainer with runArgs networks and containerEnv', () => {
    const result = parseDevcontainer(
      '/ws/i/.devcontainer/devcontainer.json',
      fixtureText('image-devcontainer/.devcontainer/devcontainer.json'),
    );
    if (!result.ok) throw new Error('expected ok');
    expect(result.model.composeFiles).toEqual([]);
    expect(result.model.networks).toEqual(['backend_net']);
    expect(result.model.containerEnv).toEqual({ API_URL: 'http://api:8080/v1' });
    const spaced = parseDevcontainer('/d.json', '{ "runArgs": ["--net", "a", "--network", "b"] }');
    expect(spaced.ok && spaced.model.networks).toEqual(['a', 'b']);
  });

  it('reports a wrong type with its line and field', () => {
    const result = parseDevcontainer('/ws/b/.devcontainer/devcontainer.json', fixtureText('broken-files/.devcontainer/devcontainer.json'));
    expect(result).toMatchObject({ ok: false, issues: [{ line: 3, column: 3, field: 'dockerComposeFile' }] });
  });

  it('reports a syntax error', () => {
    expect(parseDevcontainer('/d.json', '{ "name": "x" "service": "y" }')).toMatchObject({ ok: false, issues: [{ line: 1, column: 15 }] });
  });
});
