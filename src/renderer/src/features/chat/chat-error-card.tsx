import type { ContractError } from '../../../../shared/contract/index.ts';
import type { ChatError } from '../../../../shared/model/index.ts';

/** A classified chat failure: class, plain explanation, hint, correlation id and the raw evidence. */
export function ChatErrorCard({ error }: { error: ChatError }) {
  return (
    <div className="chat-error" role="alert" data-testid="chat-error" data-class={error.class}>
      <div className="chat-error-head">
        <span className="badge severity-error">{error.class}</span>
        {error.status !== undefined && <span className="mono small">HTTP {error.status}</span>}
        {error.closeCode !== undefined && (
          <span className="mono small" data-testid="chat-close-code">
            close {error.closeCode}
            {error.closeName ? ` ${error.closeName}` : ''}
          </span>
        )}
      </div>
      <p>{error.explanation}</p>
      <p className="fix">
        <strong>Hint.</strong> {error.hint}
      </p>
      {error.detail && (
        <p className="small">
          <span className="muted">detail</span> <span className="mono">{error.detail}</span>
        </p>
      )}
      {error.rawFrame !== undefined && (
        <div className="small">
          <span className="muted">raw frame</span>
          <pre className="detail raw-frame">{error.rawFrame}</pre>
        </div>
      )}
      <p className="muted small">
        correlation id <span className="mono">{error.correlationId}</span>
      </p>
    </div>
  );
}

/** The call never became an exchange (bad input, lost connection): the envelope's code and message. */
export function RequestErrorCard({ error }: { error: ContractError }) {
  return (
    <div className="chat-error" role="alert" data-testid="chat-error" data-class={error.code}>
      <div className="chat-error-head">
        <span className="badge severity-error">{error.code}</span>
      </div>
      <p>{error.message}</p>
    </div>
  );
}
