import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/contract/index.ts';
import { useApi } from './api/use-api.ts';
import { ChatPane } from './features/chat/chat-pane.tsx';
import { HealthView } from './features/health/health-view.tsx';
import { RecoveryView } from './features/recovery/recovery-view.tsx';
import { RepairView } from './features/repair/repair-view.tsx';
import { SettingsPanel } from './features/settings/settings-panel.tsx';
import { BundleButton } from './features/logs/bundle-button.tsx';
import { LogsView } from './features/logs/logs-view.tsx';
import { SmokeView } from './features/smoke/smoke-view.tsx';

type Tab = 'health' | 'recovery' | 'repair' | 'chat' | 'settings' | 'smoke' | 'logs';

const TABS: Array<{ name: Tab; label: string; testId: string }> = [
  { name: 'health', label: 'Health', testId: 'tab-health' },
  { name: 'recovery', label: 'Recovery', testId: 'tab-recovery' },
  { name: 'chat', label: 'Chat', testId: 'chat-tab' },
  { name: 'repair', label: 'Repair', testId: 'tab-repair' },
  { name: 'settings', label: 'Settings', testId: 'tab-settings' },
  // Smoke and Logs (issue 11 §3).
  { name: 'smoke', label: 'Smoke', testId: 'tab-smoke' },
  { name: 'logs', label: 'Logs', testId: 'tab-logs' },
];

/** The view a tray link opens, or null (a finding link stays on the current view's health anchor). */
function tabOfHash(hash: string): Tab | null {
  if (hash === '#repair') return 'repair';
  if (hash === '#logs' || hash.startsWith('#logs/')) return 'logs';
  return null;
}

/** The shell of the dashboard: title bar with the views, then the active view. */
export function App() {
  const api = useApi();
  // `#repair` opens the Repair view (the tray's "Repair stack…"), `#logs…` the Logs view (the tray's "Open logs");
  // other hashes are the health view's finding links.
  const [tab, setTab] = useState<Tab>(() => tabOfHash(window.location.hash) ?? 'health');
  const [info, setInfo] = useState<AppInfo | null>(null);
  // Once opened, the chat pane stays mounted (hidden) so its session and streams survive a tab switch.
  const [chatOpened, setChatOpened] = useState(false);
  const open = (name: Tab) => {
    if (name === 'chat') setChatOpened(true);
    setTab(name);
  };

  useEffect(() => {
    const onHash = () => {
      const next = tabOfHash(window.location.hash);
      if (next) setTab(next);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

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
          {info && (
            <span className="muted small">
              {' '}
              v{info.version} · {info.host}
            </span>
          )}
        </div>
        <nav className="tabs">
          {TABS.map(({ name, label, testId }) => (
            <button
              key={name}
              type="button"
              className={tab === name ? 'tab active' : 'tab'}
              aria-current={tab === name ? 'page' : undefined}
              data-testid={testId}
              onClick={() => open(name)}
            >
              {label}
            </button>
          ))}
        </nav>
        <BundleButton />
      </header>
      <main className="content">
        {tab === 'health' && <HealthView />}
        {tab === 'recovery' && <RecoveryView />}
        {tab === 'repair' && <RepairView />}
        {tab === 'settings' && <SettingsPanel />}
        {tab === 'smoke' && <SmokeView />}
        {tab === 'logs' && <LogsView />}
        {chatOpened && (
          <div hidden={tab !== 'chat'}>
            <ChatPane />
          </div>
        )}
      </main>
    </div>
  );
}
