import { useEffect, useState, type FormEvent } from 'react';
import { useApi } from '../../api/use-api.ts';
import { draftFromSettings, patchFromDraft, type SettingsDraft } from './settings-form.ts';

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

/** Refresh interval, probe timeout, orchestrator URL override, chat breaker thresholds and workspaces. */
export function SettingsPanel() {
  const api = useApi();
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  useEffect(() => {
    let cancelled = false;
    void api.getSettings({}).then((result) => {
      if (cancelled) return;
      if (result.ok) setDraft(draftFromSettings(result.value));
      else setStatus({ kind: 'error', message: `${result.error.code}: ${result.error.message}` });
    });
    return () => {
      cancelled = true;
    };
  }, [api]);

  if (!draft) return <p className="muted placeholder">{status.kind === 'error' ? status.message : 'Loading settings…'}</p>;

  const field = (key: keyof SettingsDraft) => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => {
      setDraft({ ...draft, [key]: event.target.value });
      setStatus({ kind: 'idle' });
    },
  });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = patchFromDraft(draft);
    if (!parsed.ok) return setStatus({ kind: 'error', message: parsed.message });
    setStatus({ kind: 'saving' });
    const result = await api.updateSettings(parsed.patch);
    if (!result.ok) return setStatus({ kind: 'error', message: result.error.message });
    setDraft(draftFromSettings(result.value));
    setStatus({ kind: 'saved' });
  };

  return (
    <form className="card settings" onSubmit={(event) => void save(event)} data-testid="settings">
      <h2>Settings</h2>
      <label>
        Refresh every (seconds, 5–3600)
        <input type="number" min={5} max={3600} {...field('refreshIntervalSec')} />
      </label>
      <label>
        Probe timeout (ms, 100–60000)
        <input type="number" min={100} max={60000} {...field('probeTimeoutMs')} />
      </label>
      <label>
        Orchestrator URL override (empty: from stack config, environment or the default)
        <input type="url" className="mono" placeholder="http://orchestrator-service:8006" {...field('orchestratorUrl')} />
      </label>
      <label>
        Chat breaker: open after this many consecutive failures (1–100)
        <input type="number" min={1} max={100} {...field('chatBreakerFailures')} />
      </label>
      <label>
        Chat breaker: try again (half-open) after (seconds, 1–3600)
        <input type="number" min={1} max={3600} {...field('chatBreakerHalfOpenSec')} />
      </label>
      <label>
        Workspaces (one folder per line; the first is diagnosed)
        <textarea rows={3} className="mono" {...field('workspaces')} />
      </label>
      <div className="row">
        <button type="submit" className="primary" disabled={status.kind === 'saving'}>
          Save
        </button>
        {status.kind === 'saved' && <span className="ok">Saved.</span>}
        {status.kind === 'error' && (
          <span className="bad" role="alert">
            {status.message}
          </span>
        )}
      </div>
    </form>
  );
}
