import { createServer } from 'node:net';
import { startAgentStub, type AgentStub, type AgentStubOptions } from '../../../src/tools/agent-stub/agent-stub.server.ts';
import { NetworkProbeAdapter } from '../../../src/main/adapters/network/network-probe.adapter.ts';
import type { BreakerChange } from '../../../src/main/adapters/orchestrator/breaker-registry.ts';
import { OrchestratorClient, type OrchestratorClientOptions } from '../../../src/main/adapters/orchestrator/orchestrator-client.ts';
import type { ChatSetup } from '../../../src/main/core/chat/chat-target.ts';
import type { ChatOutcome, ChatSendRequest } from '../../../src/main/core/chat/chat-outcome.ts';
import type { Logger } from '../../../src/main/core/ports/logger.port.ts';
import { chatEventSchema, type ChatEvent } from '../../../src/shared/model/index.ts';

/** Every line a client logged, bindings merged, for correlation-id assertions. */
export function captureLogger(lines: Array<Record<string, unknown>>, bindings: Record<string, unknown> = {}): Logger {
  const log = (level: string) => (obj: Record<string, unknown>, msg?: string) => lines.push({ level, ...bindings, ...obj, msg });
  return {
    child: (more) => captureLogger(lines, { ...bindings, ...more }),
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
  };
}

/** A port nothing listens on (bound, read, released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

export const defaultSetup = (configuredUrl: string, fallbackUrl = 'http://localhost:8006'): ChatSetup => ({
  target: { configuredUrl, configuredFrom: 'test', fallbackUrl, aliases: [], healthPath: '/health', timeoutMs: 1500 },
});

export interface ChatHarness {
  client: OrchestratorClient;
  logs: Array<Record<string, unknown>>;
  breakerChanges: BreakerChange[];
  /** Sends and returns the outcome with every event, each validated against chatEventSchema. */
  send(request: ChatSendRequest): Promise<{ outcome: ChatOutcome; events: ChatEvent[] }>;
}

export function chatHarness(options: Partial<OrchestratorClientOptions> & { setup: OrchestratorClientOptions['setup'] }): ChatHarness {
  const logs: Array<Record<string, unknown>> = [];
  const breakerChanges: BreakerChange[] = [];
  const client = new OrchestratorClient({ net: new NetworkProbeAdapter(), logger: captureLogger(logs), ...options });
  client.onBreakerChange((change) => breakerChanges.push(change));
  return {
    client,
    logs,
    breakerChanges,
    async send(request) {
      const events: ChatEvent[] = [];
      const outcome = await client.send(request, (event) => events.push(chatEventSchema.parse(event)));
      return { outcome, events };
    },
  };
}

/** Stubs started by a test file, closed in afterAll. */
export class StubPool {
  private readonly stubs: AgentStub[] = [];
  async start(options: AgentStubOptions = {}): Promise<AgentStub> {
    const stub = await startAgentStub({ port: 0, ...options });
    this.stubs.push(stub);
    return stub;
  }
  async closeAll(): Promise<void> {
    await Promise.all(this.stubs.splice(0).map((stub) => stub.close()));
  }
}
