import { describe, expect, it } from 'vitest';
import type { OrchestratorTarget } from '../../../../src/shared/model/index.ts';
import { orchestratorFindings } from '../../../../src/main/core/findings/orchestrator.rules.ts';
import { asConfigured, container, failed, hostRuntime, service, target } from './builders.ts';

const attempts: OrchestratorTarget['attempts'] = [
  { url: 'http://orchestrator-service:8006', step: 'dns', result: failed('dns-host', 'orchestrator-service', 'ENOTFOUND') },
  { url: 'http://localhost:8006', step: 'health', result: failed('http', 'http://localhost:8006/health', 'ECONNREFUSED') },
];
const unresolvable: OrchestratorTarget = {
  ...asConfigured(),
  resolvedUrl: null,
  decision: 'unresolvable',
  reason: 'Neither answered.',
  attempts,
};

describe('orchestratorFindings', () => {
  it('is silent when the configured URL answers', () => {
    expect(orchestratorFindings({ orchestrator: asConfigured(), services: [], runtime: hostRuntime })).toEqual([]);
  });

  it('reports RUNTIME_TARGET_UNRESOLVABLE with every attempt as evidence and explains alias vs localhost', () => {
    const dev = service({ name: 'dev', targets: [target('http://orchestrator-service:8006')] });
    const [f] = orchestratorFindings({ orchestrator: unresolvable, services: [dev], runtime: hostRuntime });
    expect(f).toMatchObject({ id: 'RUNTIME_TARGET_UNRESOLVABLE', severity: 'error' });
    expect(f?.evidence).toHaveLength(2);
    expect(f?.cause).toContain('ENOTFOUND');
    expect(f?.fix.description).toContain('docker alias');
    expect(f?.fix.description).toContain('localhost');
  });

  it('keeps it informational when the URL is the built-in default and nothing in the stack uses it', () => {
    expect(orchestratorFindings({ orchestrator: unresolvable, services: [], runtime: hostRuntime })[0]?.severity).toBe('info');
    const configured = { ...unresolvable, configuredFrom: 'settings' };
    expect(orchestratorFindings({ orchestrator: configured, services: [], runtime: hostRuntime })[0]?.severity).toBe('error');
  });

  it('asks to start the orchestrator container when it exists but is stopped', () => {
    const orch = service({ name: 'orchestrator-service', container: container({ name: 'shop-orch-1', state: 'exited', exitCode: 1 }) });
    const [f] = orchestratorFindings({ orchestrator: unresolvable, services: [orch], runtime: hostRuntime });
    expect(f?.fix.action).toEqual({ kind: 'start-container', params: { container: 'shop-orch-1' } });
  });

  it('asks to publish the port when the orchestrator runs without it', () => {
    const orch = service({
      name: 'orchestrator-service',
      container: container({ name: 'shop-orch-1', ports: [{ containerPort: 8006, protocol: 'tcp' }] }),
    });
    const [f] = orchestratorFindings({ orchestrator: unresolvable, services: [orch], runtime: hostRuntime });
    expect(f?.fix.action).toEqual({
      kind: 'publish-port',
      params: { project: 'shop', service: 'orchestrator-service', container: 'shop-orch-1', containerPort: 8006 },
    });
  });

  it('reports the localhost fallback as info on the host and as a warning inside a container', () => {
    const fallback: OrchestratorTarget = {
      ...asConfigured(),
      resolvedUrl: 'http://localhost:8006',
      decision: 'localhost-fallback',
      reason: 'alias unresolved',
    };
    const [onHost] = orchestratorFindings({ orchestrator: fallback, services: [], runtime: hostRuntime });
    expect(onHost).toMatchObject({ id: 'ORCHESTRATOR_LOCALHOST_FALLBACK', severity: 'info' });
    expect(onHost?.fix.lasting).toContain('ORCHESTRATOR_SERVICE_URL=http://localhost:8006');
    const dev = service({ name: 'dev', targets: [target('http://orchestrator-service:8006')] });
    const [inside] = orchestratorFindings({ orchestrator: fallback, services: [dev], runtime: { ...hostRuntime, kind: 'devcontainer' } });
    expect(inside?.severity).toBe('warning');
    // On the host a repair may pin the fallback (a setting, no shell command); inside a container it must not.
    expect(onHost?.fix.action).toEqual({ kind: 'pin-orchestrator-target', params: { url: 'http://localhost:8006' } });
    expect(onHost?.fix.command).toBeUndefined();
    expect(inside?.fix.action).toBeUndefined();
    // The assignment users copy from the lasting fix is quoted like every command.
    const odd = orchestratorFindings({
      orchestrator: { ...fallback, resolvedUrl: 'http://localhost:8006/?a=1&b=2' },
      services: [],
      runtime: hostRuntime,
    });
    expect(odd[0]?.fix.lasting).toContain("ORCHESTRATOR_SERVICE_URL='http://localhost:8006/?a=1&b=2' so");
  });

  it('keeps the fallback informational inside a container when nothing in the stack uses the default orchestrator', () => {
    // Whatever answers on localhost:8006 is not this stack's orchestrator: no reason to degrade the verdict.
    const fallback: OrchestratorTarget = {
      ...asConfigured(),
      resolvedUrl: 'http://localhost:8006',
      decision: 'localhost-fallback',
      reason: 'alias unresolved',
    };
    const web = service({ name: 'web', targets: [target('http://api:8080')] });
    const [f] = orchestratorFindings({ orchestrator: fallback, services: [web], runtime: { ...hostRuntime, kind: 'container' } });
    expect(f).toMatchObject({ id: 'ORCHESTRATOR_LOCALHOST_FALLBACK', severity: 'info' });
    const configured = { ...fallback, configuredFrom: 'env:ORCHESTRATOR_SERVICE_URL' };
    expect(
      orchestratorFindings({ orchestrator: configured, services: [web], runtime: { ...hostRuntime, kind: 'container' } })[0]?.severity,
    ).toBe('warning');
  });

  it('says nothing when the target was not checked (invalid config)', () => {
    const notChecked: OrchestratorTarget = { ...asConfigured(), resolvedUrl: null, decision: 'not-checked', reason: 'Not checked' };
    expect(orchestratorFindings({ orchestrator: notChecked, services: [], runtime: hostRuntime })).toEqual([]);
  });
});
