import { describe, expect, it } from 'vitest';
import { loadChatSetup } from '../../../../src/main/core/chat/chat-setup.ts';
import type { WorkspacePort } from '../../../../src/main/core/ports/workspace.port.ts';

function workspace(files: Record<string, string>): WorkspacePort {
  return {
    resolve: async (dir) => dir,
    isDirectory: async (path) => path === '/ws',
    list: async () => Object.keys(files),
    read: async (path) => {
      const text = files[path.replace('/ws/', '')];
      return text === undefined ? { kind: 'missing' } : { kind: 'text', text };
    },
  };
}

describe('loadChatSetup', () => {
  it('reads the target, fallback, aliases and chat profile from stack-doctor.yaml', async () => {
    const yaml = [
      'orchestrator:',
      '  url: http://orchestrator-service:8006',
      '  fallbackUrl: http://127.0.0.1:9123',
      '  aliases: [orch]',
      'chat:',
      '  timeoutMs: 4000',
      '  journeys:',
      '    admin: { template: "[admin] {message}" }',
    ].join('\n');
    const result = await loadChatSetup(workspace({ 'stack-doctor.yaml': yaml }), {
      workspace: '/ws',
      settings: { probeTimeoutMs: 700 },
      env: {},
      stackAliases: ['db'],
    });
    expect(result).toMatchObject({
      ok: true,
      configFile: 'stack-doctor.yaml',
      setup: {
        target: {
          configuredUrl: 'http://orchestrator-service:8006',
          configuredFrom: 'config:stack-doctor.yaml',
          fallbackUrl: 'http://127.0.0.1:9123',
          aliases: ['db', 'orch'],
          healthPath: '/health',
          timeoutMs: 700,
        },
        chat: { timeoutMs: 4000 },
      },
    });
  });

  it('settings override the config; no config is an empty one', async () => {
    const result = await loadChatSetup(workspace({}), {
      workspace: '/ws',
      settings: { orchestratorUrl: 'http://s:1' },
      env: { ORCHESTRATOR_SERVICE_URL: 'http://e:2' },
    });
    expect(result).toMatchObject({
      ok: true,
      configFile: null,
      setup: { target: { configuredUrl: 'http://s:1', configuredFrom: 'settings', timeoutMs: 1500 } },
    });
  });

  it('an invalid config or a missing workspace is an input error', async () => {
    const bad = await loadChatSetup(workspace({ 'stack-doctor.yaml': 'chat: { journeys: { a: { template: "no placeholder" } } }' }), {
      workspace: '/ws',
      settings: {},
      env: {},
    });
    expect(bad).toMatchObject({ ok: false });
    if (!bad.ok) expect(bad.message).toContain('chat.journeys.a.template');
    expect(await loadChatSetup(workspace({}), { workspace: '/nope', settings: {}, env: {} })).toMatchObject({ ok: false });
  });
});
