import { describe, expect, it } from 'vitest';
import { orchestratorPresence, type PresenceInput } from '../../../../src/main/core/orchestrator/orchestrator-presence.ts';
import type { StackService } from '../../../../src/shared/model/index.ts';

const service = (name: string, targets: StackService['targets'] = []): StackService => ({
  name,
  project: 'shop',
  role: 'service',
  declared: true,
  container: null,
  dependsOn: [],
  targets,
});
const target = (url: string, source = 'env:API_URL') => {
  const u = new URL(url);
  return { url, host: u.hostname, port: Number(u.port), source };
};
const input = (over: Partial<PresenceInput> = {}): PresenceInput => ({
  orchestrator: { configuredUrl: 'http://orchestrator-service:8006', configuredFrom: 'default' },
  configSection: undefined,
  services: [service('api'), service('web', [target('http://api:8080')])],
  aliases: ['api', 'web'],
  ...over,
});

describe('orchestratorPresence', () => {
  it('is absent when nothing configures, calls or names an orchestrator, and says so', () => {
    expect(orchestratorPresence(input())).toEqual({
      present: false,
      reason: 'no orchestrator in this stack: none is configured, no container refers to one, no service is named like one',
    });
  });

  it('is present when configured anywhere: option, settings, stack config, the process env, or a config section', () => {
    for (const configuredFrom of ['option', 'settings', 'config:/ws/stack-doctor.yaml', 'env:ORCHESTRATOR_SERVICE_URL']) {
      expect(orchestratorPresence(input({ orchestrator: { configuredUrl: 'http://x:1', configuredFrom } })).present).toBe(true);
    }
    expect(orchestratorPresence(input({ configSection: { aliases: ['brain'] } })).present).toBe(true);
    expect(orchestratorPresence(input({ configSection: {} })).present).toBe(false);
  });

  it('is present when a container refers to one: ORCHESTRATOR_SERVICE_URL, or a URL naming the orchestrator host', () => {
    const bySource = input({ services: [service('dev', [target('http://brain:9000', 'env:ORCHESTRATOR_SERVICE_URL')])] });
    expect(orchestratorPresence(bySource)).toEqual({ present: true, reason: 'dev sets ORCHESTRATOR_SERVICE_URL' });
    const byHost = input({ services: [service('dev', [target('http://orchestrator-service:8006', 'env:AGENT_URL')])] });
    expect(orchestratorPresence(byHost).reason).toBe('dev calls http://orchestrator-service:8006');
  });

  it('is present when a service or alias is named like one', () => {
    expect(orchestratorPresence(input({ services: [service('orchestrator')] })).present).toBe(true);
    expect(orchestratorPresence(input({ aliases: ['chat-orchestrator'] })).reason).toBe(
      'the stack has a service or alias named chat-orchestrator',
    );
  });
});
