import { useState } from 'react';
import { useConnectionState } from '../../api/use-api.ts';
import { ErrorBanner } from '../../ui/error-banner.tsx';
import { ChatComposer } from './chat-composer.tsx';
import { ChatTargetPanel } from './chat-target-panel.tsx';
import { CompareResult } from './compare-result.tsx';
import { listenMs, type ComposerDraft } from './composer-draft.ts';
import { ExchangeCard } from './exchange-card.tsx';
import { useChatSession } from './use-chat-session.ts';

const initialDraft: ComposerDraft = { message: '', transport: 'ws', pin: '', journey: '', listenSec: '5' };

/** The chat test pane: where the chat goes and why, what it streams back, and how it fails. */
export function ChatPane() {
  const { state, controller, buffer } = useChatSession();
  const connection = useConnectionState();
  const [draft, setDraft] = useState<ComposerDraft>(initialDraft);

  const common = () => ({
    message: draft.message,
    ...(draft.journey && draft.transport !== 'raw' ? { journey: draft.journey } : {}),
    ...(draft.pin.trim() ? { pinnedTarget: draft.pin.trim() } : {}),
  });
  const send = () => {
    const listen = draft.transport === 'raw' ? listenMs(draft) : null;
    void controller.send({ ...common(), transport: draft.transport, ...(listen !== null ? { timeoutMs: listen } : {}) });
  };
  const compare = () => void controller.compare(common());
  const clear = () => void controller.clear();

  return (
    <div className="chat">
      {connection === 'reconnecting' && (
        <div className="banner banner-warn" role="status">
          Lost the connection to Stack Doctor; reconnecting…
        </div>
      )}
      {state.apiError && <ErrorBanner error={state.apiError} onDismiss={() => controller.dismissError()} />}
      {state.setupError && (
        <div className="banner banner-warn" role="status" data-testid="chat-setup-error">
          <span>
            <strong>Stack config.</strong> {state.setupError}
          </span>
        </div>
      )}
      <div className="grid">
        <ChatComposer
          draft={draft}
          onChange={setDraft}
          journeys={state.journeys}
          busy={state.busy}
          onSend={send}
          onCompare={compare}
          onClear={clear}
        />
        <ChatTargetPanel
          target={state.target}
          pinnedNext={draft.pin}
          breakers={state.breakers}
          clientId={state.clientId}
          sessionId={state.sessionId}
        />
      </div>
      {state.compare && <CompareResult compare={state.compare} />}
      <section className="card exchanges">
        <h2>
          Exchanges <span className="muted small">{state.exchanges.length > 0 ? `${state.exchanges.length} this session` : ''}</span>
        </h2>
        {state.exchanges.length === 0 && <p className="muted">{state.loaded ? 'Nothing sent in this session yet.' : 'Loading…'}</p>}
        {state.exchanges.map((exchange) => (
          <ExchangeCard key={exchange.key} exchange={exchange} buffer={buffer} />
        ))}
      </section>
    </div>
  );
}
