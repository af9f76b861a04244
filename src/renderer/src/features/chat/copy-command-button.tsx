import { useRef, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'select';

/**
 * Copies `command` with the Clipboard API and shows it in a read-only field; where the API is missing or
 * refused (plain http, no permission) the field's text is selected so Ctrl+C finishes the job.
 */
export function CopyCommandButton({ command }: { command: string }) {
  const [state, setState] = useState<CopyState>('idle');
  const field = useRef<HTMLInputElement>(null);

  const selectField = () => {
    setState('select');
    requestAnimationFrame(() => field.current?.select());
  };

  const copy = () => {
    const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    if (!clipboard) return selectField();
    clipboard.writeText(command).then(() => setState('copied'), selectField);
  };

  return (
    <div className="copy-command">
      <button type="button" className="ghost small" data-testid="chat-copy-command" onClick={copy}>
        {state === 'copied' ? 'copied' : 'copy as command'}
      </button>
      {state !== 'idle' && (
        <input
          ref={field}
          className="mono command-text"
          readOnly
          value={command}
          aria-label="stack-doctor chat command"
          data-testid="chat-command-text"
          onFocus={(event) => event.currentTarget.select()}
        />
      )}
      {state === 'select' && <span className="muted small">press Ctrl+C to copy</span>}
    </div>
  );
}
