import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/contract/index.ts';
import { useApi } from './api/use-api.ts';
import { HealthView } from './features/health/health-view.tsx';
import { SettingsPanel } from './features/settings/settings-panel.tsx';

type Tab = 'health' | 'settings';

/** The shell of the dashboard: title bar with the views, then the active view. */
export function App() {
  const api = useApi();
  const [tab, setTab] = useState<Tab>('health');
  const [info, setInfo] = useState<AppInfo | null>(null);

  useEffect(() => {
    void api.getAppInfo({}).then((result) => {
      if (result.ok) setInfo(result.value);
    });
  }, [api]);

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="brand-dot" aria-hidden="true" />
          Stack Doctor
          {info && <span className="muted small"> v{info.version} · {info.host}</span>}
        </div>
        <nav className="tabs">
          {(['health', 'settings'] as const).map((name) => (
            <button
              key={name}
              type="button"
              className={tab === name ? 'tab active' : 'tab'}
              aria-current={tab === name ? 'page' : undefined}
              data-testid={`tab-${name}`}
              onClick={() => setTab(name)}
            >
              {name === 'health' ? 'Health' : 'Settings'}
            </button>
          ))}
        </nav>
      </header>
      <main className="content">{tab === 'health' ? <HealthView /> : <SettingsPanel />}</main>
    </div>
  );
}
