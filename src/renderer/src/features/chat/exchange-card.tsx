import { memo, useEffect, useRef } from 'react';
import { formatDuration } from '../health/format.ts';
import { ChatErrorCard, RequestErrorCard } from './chat-error-card.tsx';
import type { ExchangeView } from './chat-view-state.ts';
import { CopyCommandButton } from './copy-command-button.tsx';
import { buildChatCommand } from '../../../../shared/command/chat-command.ts';
import { createDomStreamSink } from './dom-stream-sink.ts';
import type { TokenStreamBuffer } from './token-stream-buffer.ts';

const ms = (value: number | null) => (value === null ? '—' : formatDuration(value));

/**
 * One exchange: what was sent and how, its status and timings, the streamed answer (drawn by the token
 * buffer straight into the `<pre>`, which React never renders children into), and its error card.
 */
export const ExchangeCard = memo(function ExchangeCard({ exchange, buffer }: { exchange: ExchangeView; buffer: TokenStreamBuffer }) {
  const output = useRef<HTMLPreElement>(null);
  const count = useRef<HTMLSpanElement>(null);
  const raw = exchange.transport === 'raw';

  useEffect(() => {
    if (!output.current || !count.current) return undefined;
    const attached = buffer.attach(exchange.key, createDomStreamSink(output.current, count.current, raw ? 'in' : 'assistant'));
    return () => attached.dispose();
  }, [buffer, exchange.key, raw]);

  const command = buildChatCommand({
    message: exchange.message,
    transport: exchange.transport,
    ...(exchange.journey ? { journey: exchange.journey } : {}),
    ...(exchange.pinnedTarget ? { pinnedTarget: exchange.pinnedTarget } : {}),
    ...(exchange.timeoutMs !== undefined ? { timeoutMs: exchange.timeoutMs } : {}),
  });

  return (
    <article
      className={`exchange exchange-${exchange.status}`}
      data-testid="chat-exchange"
      data-status={exchange.status}
      data-correlation-id={exchange.correlationId ?? ''}
    >
      <header className="exchange-head">
        <span className="badge">{exchange.transport.toUpperCase()}</span>
        <span className={`badge status-${exchange.status}`} data-testid="chat-status" data-phase={exchange.phase}>
          {exchange.phase}
        </span>
        <span className="exchange-facts small">
          <span>
            first token <strong data-testid="chat-ttft">{ms(exchange.firstTokenMs)}</strong>
          </span>
          <span>
            total <strong data-testid="chat-total">{ms(exchange.totalMs)}</strong>
          </span>
          <span>
            {raw ? 'frames in' : 'tokens'}{' '}
            <strong className="num" data-testid="chat-token-count" ref={count}>
              0
            </strong>
          </span>
        </span>
      </header>
      <p className="exchange-message">
        <span className="muted small">you</span> <span className="mono">{exchange.message || '(empty)'}</span>
        {exchange.journey && <span className="chip chip-unknown">journey {exchange.journey}</span>}
      </p>
      <p className="muted small">
        {exchange.url ? (
          <>
            → <span className="mono">{exchange.url}</span>
            {exchange.decision && ` (${exchange.decision})`}
          </>
        ) : (
          'resolving the target…'
        )}
        {exchange.correlationId && (
          <>
            {' · correlation id '}
            <span className="mono" data-testid="chat-correlation-id">
              {exchange.correlationId}
            </span>
          </>
        )}
      </p>
      <pre className={raw ? 'chat-tokens raw' : 'chat-tokens'} data-testid="chat-tokens" ref={output} />
      {exchange.error && <ChatErrorCard error={exchange.error} />}
      {exchange.requestError && <RequestErrorCard error={exchange.requestError} />}
      <CopyCommandButton command={command} />
    </article>
  );
});
