import type { FormEvent, KeyboardEvent } from 'react';
import type { ChatTransport } from '../../../../shared/model/index.ts';
import type { ChatJourneyInfo } from './chat-view-state.ts';
import { draftProblem, journeyPreview, LISTEN_MAX_SEC, LISTEN_MIN_SEC, type ComposerDraft } from './composer-draft.ts';

const TRANSPORTS: Array<{ value: ChatTransport; label: string }> = [
  { value: 'ws', label: 'WebSocket' },
  { value: 'http', label: 'HTTP' },
  { value: 'raw', label: 'Raw' },
];

interface ComposerProps {
  draft: ComposerDraft;
  onChange: (draft: ComposerDraft) => void;
  journeys: ChatJourneyInfo[];
  busy: 'send' | 'compare' | 'clear' | null;
  onSend: () => void;
  onCompare: () => void;
  onClear: () => void;
}

/** Transport switch, pinned target, journey preset, the message, and Send / Compare paths / Clear. */
export function ChatComposer({ draft, onChange, journeys, busy, onSend, onCompare, onClear }: ComposerProps) {
  const problem = draftProblem(draft);
  const raw = draft.transport === 'raw';
  const preview = draft.journey ? journeyPreview(journeys, draft.journey, draft.message) : null;
  const set = (patch: Partial<ComposerDraft>) => onChange({ ...draft, ...patch });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!problem && !busy) onSend();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends, Shift+Enter is a new line: the habit of every chat box.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  };

  return (
    <form className="card chat-composer" onSubmit={submit}>
      <h2>Send</h2>
      <div className="composer-row">
        <div className="segmented" role="radiogroup" aria-label="Transport" data-testid="chat-transport" data-value={draft.transport}>
          {TRANSPORTS.map((option) => (
            <label key={option.value} className={draft.transport === option.value ? 'selected' : undefined}>
              <input
                type="radio"
                name="chat-transport"
                value={option.value}
                checked={draft.transport === option.value}
                onChange={() => set({ transport: option.value })}
              />
              {option.label}
            </label>
          ))}
        </div>
        <label className="field grow">
          <span>{raw ? 'URL (ws:// or http://)' : 'Pin target (empty: resolve)'}</span>
          <input
            type="text"
            className="mono"
            data-testid="chat-pin"
            placeholder={raw ? 'ws://localhost:8006/chat/ws/client/session' : 'http://localhost:8006'}
            value={draft.pin}
            onChange={(event) => set({ pin: event.target.value })}
            spellCheck={false}
          />
        </label>
        {raw && (
          <label className="field" title="A WebSocket exchange listens this long for frames unless the server closes first">
            <span>Listen (s)</span>
            <input
              type="number"
              className="listen"
              data-testid="chat-listen"
              min={LISTEN_MIN_SEC}
              max={LISTEN_MAX_SEC}
              value={draft.listenSec}
              onChange={(event) => set({ listenSec: event.target.value })}
            />
          </label>
        )}
        <label className="field">
          <span>Journey</span>
          <select
            data-testid="chat-journey"
            value={draft.journey}
            onChange={(event) => set({ journey: event.target.value })}
            disabled={raw || journeys.length === 0}
          >
            <option value="">{journeys.length === 0 ? 'none defined' : 'none'}</option>
            {journeys.map((journey) => (
              <option key={journey.name} value={journey.name} title={journey.description}>
                {journey.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <textarea
        data-testid="chat-input"
        className={raw ? 'mono' : undefined}
        rows={3}
        placeholder={raw ? 'A text or JSON frame (HTTP: the body; empty for a GET)' : 'Message — Enter sends, Shift+Enter for a new line'}
        value={draft.message}
        onChange={(event) => set({ message: event.target.value })}
        onKeyDown={onKeyDown}
      />
      {preview !== null && !raw && (
        <p className="muted small">
          Sends <span className="mono">{preview}</span> with journey <span className="mono">{draft.journey}</span>
        </p>
      )}
      <div className="composer-actions">
        <button type="submit" className="primary" data-testid="chat-send" disabled={problem !== null || busy !== null}>
          {busy === 'send' ? 'Streaming…' : 'Send'}
        </button>
        <button
          type="button"
          data-testid="chat-compare"
          disabled={raw || problem !== null || busy !== null}
          onClick={onCompare}
          title="Send over WebSocket and over HTTP and compare"
        >
          {busy === 'compare' ? 'Comparing…' : 'Compare paths'}
        </button>
        <button type="button" className="ghost" data-testid="chat-clear" onClick={onClear}>
          Clear
        </button>
        {problem && draft.message !== '' && <span className="muted small">{problem}</span>}
      </div>
    </form>
  );
}
