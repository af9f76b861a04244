import { describe, expect, it } from 'vitest';
import type { ChatEventPayload } from '../../../src/main/app/chat-service.ts';
import { createChatService, type ChatClientOptions } from '../../../src/main/app/create-chat-service.ts';
import { OrchestratorClient } from '../../../src/main/adapters/orchestrator/orchestrator-client.ts';
import { ChatInputError } from '../../../src/main/core/chat/chat-input-error.ts';
import { silentLogger } from '../../../src/main/core/ports/logger.port.ts';
import { settingsSchema, type BreakerChangeEvent, type Diagnosis, type Settings } from '../../../src/shared/model/index.ts';
import { MemoryWorkspace } from '../core/discovery/support/memory-workspace.ts';
import { FakeNetwork } from '../core/orchestrator/fake-network.ts';
import { diagnosis } from '../renderer/diagnosis-fixture.ts';
import { FakeChatClient } from './fake-chat-client.ts';

const WS = '/work/shop';
const CONFIG = `orchestrator:
  url: http://orchestrator-service:8006
chat:
  journeys:
    support: { template: "[support] {message}", description: Customer chat }
    admin: { template: "[admin] {message}" }
`;

function harness(over: { files?: Record<string, string>; last?: Diagnosis | null } = {}) {
  let settings: Settings = settingsSchema.parse({});
  const clients: FakeChatClient[] = [];
  let ids = 0;
  const service = createChatService({
    workspaceFiles: new MemoryWorkspace(over.files ?? { [`${WS}/stack-doctor.yaml`]: CONFIG }, [WS]),
    settings: { get: () => settings },
    env: {},
    logger: silentLogger,
    workspace: () => WS,
    lastDiagnosis: () => over.last ?? null,
    newId: () => `id-${++ids}`,
    date: () => new Date('2025-02-02T00:00:00.000Z'),
    createClient: (options: ChatClientOptions) => {
      const client = new FakeChatClient(options);
      clients.push(client);
      return client;
    },
  });
  const events: ChatEventPayload[] = [];
  const breakers: BreakerChangeEvent[] = [];
  service.onEvent((payload) => events.push(payload));
  service.onBreakerChange((change) => breakers.push(change));
  return {
    service,
    clients,
    events,
    breakers,
    setSettings: (patch: Partial<Settings>) => (settings = settingsSchema.parse({ ...settings, ...patch })),
  };
}

describe('createChatService', () => {
  it('reports client and session ids, the stack journeys sorted, breakers and no setup error', async () => {
    const { service, clients } = harness();
    const state = await service.state();
    expect(state).toEqual({
      clientId: 'id-1',
      sessionId: clients[0]?.sessionId,
      journeys: [
        { name: 'admin', template: '[admin] {message}' },
        { name: 'support', template: '[support] {message}', description: 'Customer chat' },
      ],
      breakers: [],
      setupError: null,
    });
    expect(clients).toHaveLength(1);
    expect(clients[0]?.options.breaker).toEqual({ consecutiveFailures: 5, halfOpenAfterMs: 10_000 });
  });

  it('an invalid stack config is a setupError in the state and an input error on send', async () => {
    const { service } = harness({
      files: { [`${WS}/stack-doctor.yaml`]: 'chat:\n  journeys:\n    bad: { template: "no placeholder" }\n' },
    });
    const state = await service.state();
    expect(state.setupError).toMatch(/^invalid stack config: /);
    expect(state.journeys).toEqual([]);
    await expect(service.send({ message: 'hi', transport: 'ws' })).rejects.toBeInstanceOf(ChatInputError);
  });

  it('forwards every event of a send, in order, tagged with its transport, and resolves with the outcome', async () => {
    const { service, events } = harness();
    const outcome = await service.send({ message: 'hello world', transport: 'http' });
    expect(outcome).toMatchObject({ ok: true, transport: 'http', response: 'echo hello world' });
    expect(events.map((e) => `${e.transport}:${e.event.type}`)).toEqual([
      'http:target',
      'http:status',
      'http:token',
      'http:token',
      'http:token',
      'http:complete',
    ]);
  });

  it('builds the setup on every send from the workspace config and the aliases of a diagnosis of that workspace', async () => {
    const last = diagnosis({
      workspace: WS,
      services: [
        {
          name: 'orchestrator',
          project: 'shop',
          role: 'service',
          dependsOn: [],
          probes: [],
          container: {
            id: 'x',
            name: '/shop-orchestrator-1',
            image: 'i',
            state: 'running',
            status: 'Up',
            exitCode: 0,
            restartCount: 0,
            health: 'none',
            labels: {},
            envTargets: [],
            ports: [],
            networks: [{ name: 'shop_default', aliases: ['orch.svc.local'], ipAddress: '172.18.0.2' }],
          },
        },
      ],
    });
    const { service, clients } = harness({ last });
    await service.send({ message: 'a', transport: 'ws' });
    const setup = clients[0]?.setups[0];
    expect(setup?.target).toMatchObject({ configuredUrl: 'http://orchestrator-service:8006', fallbackUrl: 'http://localhost:8006' });
    expect(setup?.target.aliases).toEqual(
      expect.arrayContaining(['orchestrator', 'shop-orchestrator-1', 'orch.svc.local', 'orchestrator-service']),
    );
    expect(setup?.chat?.journeys).toHaveProperty('admin');
  });

  it('ignores a diagnosis of another workspace', async () => {
    const { service, clients } = harness({ last: diagnosis({ workspace: '/elsewhere' }) });
    await service.send({ message: 'a', transport: 'ws' });
    expect(clients[0]?.setups[0]?.target.aliases).toEqual([]);
  });

  it('compare tags each path, newSession changes the session id', async () => {
    const { service, events } = harness();
    const result = await service.compare({ message: 'same' });
    expect(result).toMatchObject({ bothAnswered: true, agree: true });
    expect(new Set(events.map((e) => e.transport))).toEqual(new Set(['ws', 'http']));
    const before = (await service.state()).sessionId;
    const { sessionId } = await service.newSession();
    expect(sessionId).not.toBe(before);
    expect((await service.state()).sessionId).toBe(sessionId);
  });

  it('emits the client breaker changes', async () => {
    const { service, clients, breakers } = harness();
    await service.state();
    clients[0]?.changeBreaker('http://localhost:8006', 'open');
    expect(breakers).toEqual([{ target: 'http://localhost:8006', state: 'open', previous: 'closed', at: '2025-01-01T00:00:00.000Z' }]);
    expect((await service.state()).breakers).toEqual([{ target: 'http://localhost:8006', state: 'open' }]);
  });

  it('rebuilds the client lazily when the breaker settings change, closing what the old one held open', async () => {
    const { service, clients, breakers, setSettings } = harness();
    await service.send({ message: 'a', transport: 'ws' });
    const old = clients[0]!;
    old.changeBreaker('http://localhost:8006', 'open');
    const release = old.hold();
    const inFlight = service.send({ message: 'slow', transport: 'ws' });
    await new Promise((resolve) => setImmediate(resolve));

    setSettings({ chatBreakerFailures: 2, chatBreakerHalfOpenSec: 3 });
    expect(clients).toHaveLength(1); // lazily: nothing until the next call
    await service.send({ message: 'b', transport: 'ws' });
    expect(clients).toHaveLength(2);
    expect(clients[1]?.options).toMatchObject({ breaker: { consecutiveFailures: 2, halfOpenAfterMs: 3000 }, clientId: old.clientId });
    expect(breakers.at(-1)).toEqual({ target: 'http://localhost:8006', state: 'closed', previous: 'open', at: '2025-02-02T00:00:00.000Z' });
    // The old client's exchange in flight finishes before the old client goes.
    expect(old.disposed).toBe(false);
    release();
    await expect(inFlight).resolves.toMatchObject({ ok: true, response: 'echo slow' });
    expect(old.disposed).toBe(true);
    old.changeBreaker('http://localhost:8006', 'half-open');
    expect(breakers.at(-1)?.state).toBe('closed'); // no longer listened to

    await service.send({ message: 'c', transport: 'ws' });
    expect(clients).toHaveLength(2); // unchanged settings keep the client
  });

  it('dispose ends the clients and refuses later calls', async () => {
    const { service, clients } = harness();
    await service.state();
    await service.dispose();
    expect(clients[0]?.disposed).toBe(true);
    await expect(service.send({ message: 'a', transport: 'ws' })).rejects.toThrow(/disposed/);
    await expect(service.state()).rejects.toThrow(/disposed/);
  });
});

describe('createChatService with the real client over a fake network', () => {
  const config = 'orchestrator:\n  url: http://orch.svc.local:8006\n';
  const net = new FakeNetwork({ resolves: {}, answers: { 'http://localhost:8006/health': 'ECONNREFUSED' } });
  function realService(last: Diagnosis | null) {
    return createChatService({
      workspaceFiles: new MemoryWorkspace({ [`${WS}/stack-doctor.yaml`]: config }, [WS]),
      settings: { get: () => settingsSchema.parse({}) },
      env: {},
      logger: silentLogger,
      workspace: () => WS,
      lastDiagnosis: () => last,
      newId: () => 'fixed',
      createClient: ({ setup, breaker, clientId }) => new OrchestratorClient({ net, setup, breaker, clientId }),
    });
  }

  it('a multi-label host the diagnosis knows as a docker name is an alias: the fallback is tried', async () => {
    const last = diagnosis({
      workspace: WS,
      orchestrator: { ...diagnosis().orchestrator, configuredUrl: 'http://orch.svc.local:8006', hostIsAlias: true },
    });
    const service = realService(last);
    const events: ChatEventPayload[] = [];
    service.onEvent((payload) => events.push(payload));
    const outcome = await service.send({ message: 'hi', transport: 'ws' });
    expect(outcome).toMatchObject({ ok: false, url: null, error: { class: 'RUNTIME_TARGET_UNRESOLVABLE' } });
    expect(events.map((e) => e.event.type)).toEqual(['target', 'error']);
    expect(events[0]?.event).toMatchObject({
      decision: 'unresolvable',
      reason: expect.stringContaining('orch.svc.local is a docker alias'),
    });
    await service.dispose();
  });

  it('without a diagnosis the same host is not an alias and fails fast', async () => {
    const service = realService(null);
    const events: ChatEventPayload[] = [];
    service.onEvent((payload) => events.push(payload));
    await service.send({ message: 'hi', transport: 'http' });
    expect(events[0]?.event).toMatchObject({ decision: 'unresolvable', reason: expect.stringContaining('is not a docker alias') });
    await service.dispose();
  });
});
