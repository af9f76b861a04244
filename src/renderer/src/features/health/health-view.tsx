import { useEffect } from 'react';
import { useConnectionState } from '../../api/use-api.ts';
import { ErrorBanner } from '../../ui/error-banner.tsx';
import { useHashTarget } from '../../ui/use-hash-target.ts';
import { useNow } from '../../ui/use-now.ts';
import { FindingsList } from './findings-list.tsx';
import { OrchestratorPanel } from './orchestrator-panel.tsx';
import { RuntimePanel } from './runtime-panel.tsx';
import { ServicesTable } from './services-table.tsx';
import { TruthMatrix } from './truth-matrix.tsx';
import { useHealth } from './use-health.ts';
import { VerdictBanner } from './verdict-banner.tsx';

/** The Health view: verdict, findings with fixes, orchestrator decision, runtime, truth matrix, services. */
export function HealthView() {
  const { state, checking, checkNow, dismissError } = useHealth();
  const connection = useConnectionState();
  const nowMs = useNow(5000);
  const focusedFinding = useHashTarget('finding-');
  const { diagnosis } = state;

  useEffect(() => {
    if (!focusedFinding || !diagnosis) return;
    document.getElementById(`finding-${focusedFinding}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }, [focusedFinding, diagnosis]);

  return (
    <div className="health">
      {connection === 'reconnecting' && (
        <div className="banner banner-warn" role="status" data-testid="connection-lost">
          Lost the connection to Stack Doctor; reconnecting…
        </div>
      )}
      {state.error && <ErrorBanner error={state.error} onDismiss={dismissError} />}
      <VerdictBanner diagnosis={diagnosis} checking={checking} onCheckNow={checkNow} nowMs={nowMs} />
      {!diagnosis ? (
        <p className="muted placeholder">
          {!state.loaded ? 'Loading…' : checking ? 'Running the first check…' : 'No diagnosis yet: fix the error above, then Check now.'}
        </p>
      ) : (
        <>
          <div className="grid">
            <FindingsList findings={diagnosis.findings} highlightId={focusedFinding} />
            <div className="stack">
              <OrchestratorPanel target={diagnosis.orchestrator} />
              <RuntimePanel runtime={diagnosis.runtime} engine={diagnosis.engine} />
            </div>
          </div>
          <TruthMatrix projects={diagnosis.projects} otherProjects={diagnosis.otherProjects} />
          <ServicesTable services={diagnosis.services} />
        </>
      )}
    </div>
  );
}
