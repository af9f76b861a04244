import { useState } from 'react';
import { useApi } from '../../api/use-api.ts';

type BundleState =
  { kind: 'idle' } | { kind: 'writing' } | { kind: 'done'; path: string; bytes: number } | { kind: 'error'; message: string };

/**
 * "Download diagnostics bundle": main writes the redacted archive into the app data folder; in a browser
 * (serve) the page then downloads it from the same origin, in the tray app it shows where the file is.
 */
export function BundleButton() {
  const api = useApi();
  const [state, setState] = useState<BundleState>({ kind: 'idle' });
  const create = async () => {
    setState({ kind: 'writing' });
    const result = await api.createBundle({});
    if (!result.ok) return setState({ kind: 'error', message: result.error.message });
    const { path, bytes, downloadPath } = result.value;
    setState({ kind: 'done', path, bytes });
    if (downloadPath) {
      const link = document.createElement('a');
      link.href = downloadPath;
      link.download = '';
      link.click();
    }
  };
  return (
    <span className="bundle-button">
      <button
        type="button"
        className="ghost small"
        data-testid="bundle-button"
        disabled={state.kind === 'writing'}
        onClick={() => void create()}
      >
        {state.kind === 'writing' ? 'Writing bundle…' : 'Download diagnostics bundle'}
      </button>
      {state.kind === 'done' && (
        <span className="muted small" data-testid="bundle-result" title={state.path}>
          {' '}
          {Math.round(state.bytes / 1024)} KiB · {state.path}
        </span>
      )}
      {state.kind === 'error' && (
        <span className="bad small" role="alert" data-testid="bundle-error">
          {' '}
          {state.message}
        </span>
      )}
    </span>
  );
}
