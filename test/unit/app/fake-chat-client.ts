import type { ChatClient, ChatClientOptions } from '../../../src/main/app/create-chat-service.ts';
import type { ChatOutcome, ChatSendRequest } from '../../../src/main/core/chat/chat-outcome.ts';
import type { ChatSetup } from '../../../src/main/core/chat/chat-target.ts';
import { comparePaths } from '../../../src/main/core/chat/compare-paths.ts';
import type { BreakerChangeEvent, BreakerState, ChatEvent } from '../../../src/shared/model/index.ts';
import type { SyncDisposable } from '../../../src/shared/lifecycle/disposable.ts';
import { Emitter } from '../../../src/shared/lifecycle/emitter.ts';

/**
 * A scripted orchestrator client: each send reads the setup (as the real client does), emits target,
 * status, one token per word of the answer and complete, and records what it saw. `hold()` makes the next
 * sends wait until released, to test exchanges in flight.
 */
export class FakeChatClient implements ChatClient {
  static nextSession = 0;
  readonly clientId: string;
  sessionId: string;
  readonly setups: ChatSetup[] = [];
  readonly requests: ChatSendRequest[] = [];
  disposed = false;
  breakers: Array<{ target: string; state: BreakerState }> = [];
  private readonly breakerChanges = new Emitter<BreakerChangeEvent>();
  private held: Array<() => void> | null = null;

  constructor(readonly options: ChatClientOptions) {
    this.clientId = options.clientId;
    this.sessionId = `session-${++FakeChatClient.nextSession}`;
  }

  hold(): () => void {
    this.held = [];
    return () => {
      const waiting = this.held ?? [];
      this.held = null;
      for (const release of waiting) release();
    };
  }

  async send(request: ChatSendRequest, onEvent: (event: ChatEvent) => void): Promise<ChatOutcome> {
    if (this.disposed) throw new Error('disposed');
    this.requests.push(request);
    const setup = await this.options.setup();
    this.setups.push(setup);
    const correlationId = `c-${this.requests.length}-${request.transport}`;
    const url = request.pinnedTarget ?? setup.target.configuredUrl;
    onEvent({
      type: 'target',
      correlationId,
      url,
      decision: request.pinnedTarget ? 'pinned' : 'as-configured',
      reason: 'fake',
      pinned: Boolean(request.pinnedTarget),
    });
    if (this.held) await new Promise<void>((release) => this.held?.push(release));
    onEvent({ type: 'status', correlationId, status: 'processing' });
    const response = `echo ${request.message}`;
    for (const word of response.split(' ')) onEvent({ type: 'token', correlationId, role: 'assistant', content: word });
    onEvent({ type: 'complete', correlationId, response, firstTokenMs: 1, totalMs: 2 });
    return { ok: true, correlationId, transport: request.transport, url, response, firstTokenMs: 1, totalMs: 2 };
  }

  async compare(
    request: Omit<ChatSendRequest, 'transport' | 'correlationId'>,
    onEvent?: (transport: 'ws' | 'http', event: ChatEvent) => void,
  ) {
    const [ws, http] = await Promise.all([
      this.send({ ...request, transport: 'ws' }, (event) => onEvent?.('ws', event)),
      this.send({ ...request, transport: 'http' }, (event) => onEvent?.('http', event)),
    ]);
    return comparePaths(ws, http);
  }

  newSession(): string {
    this.sessionId = `session-${++FakeChatClient.nextSession}`;
    return this.sessionId;
  }

  breakerStates() {
    return this.breakers;
  }

  resetBreaker(target: string): void {
    if (this.breakers.some((b) => b.target === target)) this.changeBreaker(target, 'closed');
  }

  /** Simulates a breaker transition of this client. */
  changeBreaker(target: string, state: BreakerState): void {
    const previous = this.breakers.find((b) => b.target === target)?.state ?? 'closed';
    this.breakers = [...this.breakers.filter((b) => b.target !== target), { target, state }];
    this.breakerChanges.emit({ target, state, previous, at: '2025-01-01T00:00:00.000Z' });
  }

  onBreakerChange(listener: (change: BreakerChangeEvent) => void): SyncDisposable {
    return this.breakerChanges.on(listener);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}
