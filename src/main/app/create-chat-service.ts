import type { BreakerChangeEvent, BreakerState, ChatEvent, Diagnosis, Settings } from '../../shared/model/index.ts';
import { ChatInputError } from '../core/chat/chat-input-error.ts';
import type { ChatEventListener, ChatOutcome, ChatSendRequest } from '../core/chat/chat-outcome.ts';
import { loadChatSetup, type ChatSetupResult } from '../core/chat/chat-setup.ts';
import type { ChatSetup } from '../core/chat/chat-target.ts';
import type { CompareResult } from '../core/chat/compare-paths.ts';
import { listJourneys } from '../core/chat/journeys.ts';
import type { Logger } from '../core/ports/logger.port.ts';
import type { SettingsPort } from '../core/ports/settings.port.ts';
import type { WorkspacePort } from '../core/ports/workspace.port.ts';
import type { ChatEventPayload, ChatService } from './chat-service.ts';
import { aliasesFromDiagnosis } from './diagnosis-aliases.ts';
import { errorMessage } from '../../shared/error-message.ts';
import type { SyncDisposable } from '../../shared/lifecycle/disposable.ts';
import { Emitter } from '../../shared/lifecycle/emitter.ts';

/** Breaker thresholds as the orchestrator client takes them. */
export interface ChatBreakerOptions {
  consecutiveFailures: number;
  halfOpenAfterMs: number;
}

/** What the service needs of an orchestrator client (OrchestratorClient in the app; a fake in unit tests). */
export interface ChatClient {
  readonly clientId: string;
  readonly sessionId: string;
  send(request: ChatSendRequest, onEvent: ChatEventListener): Promise<ChatOutcome>;
  compare(
    request: Omit<ChatSendRequest, 'transport' | 'correlationId'>,
    onEvent?: (transport: 'ws' | 'http', event: ChatEvent) => void,
  ): Promise<CompareResult>;
  newSession(): string;
  breakerStates(): Array<{ target: string; state: BreakerState }>;
  /** Closes the breaker of `target`'s origin; a no-op for a target never used. */
  resetBreaker(target: string): void;
  onBreakerChange(listener: (change: BreakerChangeEvent) => void): SyncDisposable;
  dispose(): Promise<void>;
}

export interface ChatClientOptions {
  /** Called by the client on every send. */
  setup: () => Promise<ChatSetup>;
  breaker: ChatBreakerOptions;
  /** Stable for the service's lifetime, so a rebuilt client keeps the `client_id` the server saw. */
  clientId: string;
}

export interface ChatServiceDeps {
  workspaceFiles: WorkspacePort;
  settings: Pick<SettingsPort, 'get'>;
  /** Read for `ORCHESTRATOR_SERVICE_URL`. */
  env: Record<string, string | undefined>;
  logger: Logger;
  /** The workspace whose stack config (target, `chat:` paths and journeys) applies; read on every call. */
  workspace: () => string;
  /** The diagnosis service's latest diagnosis: its docker names feed the target's alias list when it is of the same workspace. */
  lastDiagnosis: () => Diagnosis | null;
  createClient: (options: ChatClientOptions) => ChatClient;
  newId: () => string;
  /** Wall clock for synthetic breaker events. Default `new Date()`. */
  date?: () => Date;
}

/** The breaker thresholds the settings ask for (`chatBreakerFailures`, `chatBreakerHalfOpenSec`). */
export function breakerOptionsFrom(settings: Settings): ChatBreakerOptions {
  return { consecutiveFailures: settings.chatBreakerFailures, halfOpenAfterMs: settings.chatBreakerHalfOpenSec * 1000 };
}

interface Entry {
  client: ChatClient;
  breaker: ChatBreakerOptions;
  inFlight: number;
  retired: boolean;
  subscription: SyncDisposable;
}

/**
 * The ChatService over one orchestrator client. Settings are read on every call: when the breaker
 * thresholds changed, the next call builds a new client (new session, breakers closed) and the old one is
 * disposed once its exchanges in flight have ended; a `breakerChanged` to `closed` is emitted for every
 * breaker the old client left open or half-open, so the pane never shows a state nothing holds any more.
 */
export function createChatService(deps: ChatServiceDeps): ChatService {
  const log = deps.logger.child({ component: 'chat-service' });
  const events = new Emitter<ChatEventPayload>((error) => log.error({ err: errorMessage(error) }, 'listener failed'));
  const breakerChanges = new Emitter<BreakerChangeEvent>((error) => log.error({ err: errorMessage(error) }, 'listener failed'));
  const clientId = deps.newId();
  const date = deps.date ?? (() => new Date());
  const retiring = new Set<Entry>();
  let current: Entry | null = null;
  let disposed = false;

  const loadSetup = async (): Promise<ChatSetupResult> => {
    const settings = deps.settings.get();
    const requested = deps.workspace();
    const workspace = await deps.workspaceFiles.resolve(requested).catch(() => requested);
    const last = deps.lastDiagnosis();
    const stackAliases = last && last.workspace === workspace ? aliasesFromDiagnosis(last) : undefined;
    return loadChatSetup(deps.workspaceFiles, { workspace, settings, env: deps.env, ...(stackAliases ? { stackAliases } : {}) });
  };

  const setup = async (): Promise<ChatSetup> => {
    const loaded = await loadSetup();
    if (!loaded.ok) throw new ChatInputError(loaded.message);
    return loaded.setup;
  };

  const disposeEntry = (entry: Entry): void => {
    retiring.delete(entry);
    entry.client.dispose().catch((error: unknown) => log.warn({ err: String(error) }, 'disposing a chat client failed'));
  };

  const retire = (entry: Entry): void => {
    entry.retired = true;
    entry.subscription.dispose();
    const at = date().toISOString();
    for (const { target, state } of entry.client.breakerStates()) {
      if (state !== 'closed') breakerChanges.emit({ target, state: 'closed', previous: state, at });
    }
    if (entry.inFlight === 0) disposeEntry(entry);
    else retiring.add(entry);
  };

  const acquire = (): Entry => {
    if (disposed) throw new Error('the chat service is disposed');
    const breaker = breakerOptionsFrom(deps.settings.get());
    if (
      current &&
      current.breaker.consecutiveFailures === breaker.consecutiveFailures &&
      current.breaker.halfOpenAfterMs === breaker.halfOpenAfterMs
    ) {
      return current;
    }
    if (current) {
      log.info({ breaker }, 'chat breaker settings changed: new orchestrator client');
      retire(current);
    }
    const client = deps.createClient({ setup, breaker, clientId });
    const subscription = client.onBreakerChange((change) => breakerChanges.emit(change));
    current = { client, breaker, inFlight: 0, retired: false, subscription };
    return current;
  };

  /** Counts an exchange against its client, so a retired client is disposed only after it ends. */
  const exchange = async <T>(run: (client: ChatClient) => Promise<T>): Promise<T> => {
    const entry = acquire();
    entry.inFlight++;
    try {
      return await run(entry.client);
    } finally {
      entry.inFlight--;
      if (entry.retired && entry.inFlight === 0 && retiring.has(entry)) disposeEntry(entry);
    }
  };

  return {
    async state() {
      const entry = acquire();
      const loaded = await loadSetup();
      return {
        clientId,
        sessionId: entry.client.sessionId,
        journeys: loaded.ok ? listJourneys(loaded.config.chat) : [],
        breakers: entry.client.breakerStates(),
        setupError: loaded.ok ? null : loaded.message,
      };
    },
    send(request) {
      return exchange((client) => client.send(request, (event) => events.emit({ transport: request.transport, event })));
    },
    compare(request) {
      return exchange((client) => client.compare(request, (transport, event) => events.emit({ transport, event })));
    },
    async newSession() {
      return { sessionId: acquire().client.newSession() };
    },
    breakerStates() {
      return current?.client.breakerStates() ?? [];
    },
    async resetBreaker(target) {
      current?.client.resetBreaker(target);
    },
    onEvent: events.event,
    onBreakerChange: breakerChanges.event,
    async dispose() {
      if (disposed) return;
      disposed = true;
      const entries = [...retiring, ...(current ? [current] : [])];
      current = null;
      retiring.clear();
      for (const entry of entries) entry.subscription.dispose();
      await Promise.allSettled(entries.map((entry) => entry.client.dispose()));
      events.dispose();
      breakerChanges.dispose();
    },
  };
}
