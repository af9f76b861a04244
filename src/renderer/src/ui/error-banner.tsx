import type { ContractError } from '../../../shared/contract/index.ts';

/** An API error as a dismissible banner: the app keeps working underneath. */
export function ErrorBanner({ error, onDismiss }: { error: ContractError; onDismiss: () => void }) {
  return (
    <div className="banner banner-error" role="alert" data-testid="api-error" data-code={error.code}>
      <span>
        <strong>{error.code}</strong> {error.message}
      </span>
      <button type="button" className="ghost small" onClick={onDismiss} aria-label="Dismiss">
        dismiss
      </button>
    </div>
  );
}
