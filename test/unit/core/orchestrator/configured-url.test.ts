import { describe, expect, it } from 'vitest';
import { pickConfiguredUrl } from '../../../../src/main/core/orchestrator/configured-url.ts';

const env = { ORCHESTRATOR_SERVICE_URL: 'http://env-host:8006' };
const settings = { orchestratorUrl: 'http://settings-host:8006' };
const config = { orchestrator: { url: 'http://config-host:8006' } };

describe('pickConfiguredUrl', () => {
  it('prefers the explicit option over everything', () => {
    expect(pickConfiguredUrl({ override: 'http://opt:1', settings, config, env })).toEqual({ url: 'http://opt:1', from: 'option' });
  });
  it('then settings', () => {
    expect(pickConfiguredUrl({ settings, config, env })).toEqual({ url: 'http://settings-host:8006', from: 'settings' });
  });
  it('then the stack config, naming the file when known', () => {
    expect(pickConfiguredUrl({ settings: { orchestratorUrl: null }, config, env })).toEqual({
      url: 'http://config-host:8006',
      from: 'config',
    });
    expect(pickConfiguredUrl({ config, configFile: 'stack-doctor.yaml', env }).from).toBe('config:stack-doctor.yaml');
  });
  it('then ORCHESTRATOR_SERVICE_URL', () => {
    expect(pickConfiguredUrl({ config: {}, env })).toEqual({ url: 'http://env-host:8006', from: 'env:ORCHESTRATOR_SERVICE_URL' });
  });
  it('then the built-in default; blank values count as unset', () => {
    expect(pickConfiguredUrl({ override: '  ', env: { ORCHESTRATOR_SERVICE_URL: '' } })).toEqual({
      url: 'http://orchestrator-service:8006',
      from: 'default',
    });
  });
});
