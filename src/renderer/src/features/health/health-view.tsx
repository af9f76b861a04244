import { memo, useEffect, useMemo } from 'react';
import { useConnectionState } from '../../api/use-api.ts';
import { ErrorBanner } from '../../ui/error-banner.tsx';
import { useHashTarget } from '../../ui/use-hash-target.ts';
import { useNow } from '../../ui/use-now.ts';
import { FindingsList } from './findings-list.tsx';
import { hostExpectations } from './host-expectation.ts';
import { matrixView } from './matrix-rows.ts';
import { OrchestratorPanel } from './orchestrator-panel.tsx';
import { RuntimePanel } from './runtime-panel.tsx';
import { groupServices } from './service-groups.ts';
import { ServicesTable } from './services-table.tsx';
import { TruthMatrix } from './truth-matrix.tsx';
import { useHealth } from './use-health.ts';
import { VerdictBanner } from './verdict-banner.tsx';

// The clock ticks every 5 s for "checked 12 s ago": nothing below the banner re-renders for it.
const MemoFindingsList = memo(FindingsList);
const MemoRuntimePanel = memo(RuntimePanel);

/** The Health view: verdict, findings with fixes, orchestrator decision, runtime, truth matrix, services. */
export function HealthView() {
  const { state, checking, checkNow, dismissError } = useHealth();
  const connection = useConnectionState();
  const nowMs = useNow(5000);
  const focusedFinding = useHashTarget('finding-');
  const { diagnosis } = state;
  // Derived once per diagnosis, never per render or per row: 200 services stay cheap to show.
  const derived = useMemo(() => {
    if (!diagnosis) return null;
    const expectations = hostExpectations(diagnosis);
    return { expectations, groups: groupServices(diagnosis, {}, expectations), matrix: matrixView(diagnosis.projects, expectations) };
  }, [diagnosis]);

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
      {!diagnosis || !derived ? (
        <p className="muted placeholder">
          {!state.loaded ? 'Loading…' : checking ? 'Running the first check…' : 'No diagnosis yet: fix the error above, then Check now.'}
        </p>
      ) : (
        <>
          <div className="grid">
            <MemoFindingsList findings={diagnosis.findings} highlightId={focusedFinding} />
            <div className="stack">
              <OrchestratorPanel target={diagnosis.orchestrator} expectations={derived.expectations} />
              <MemoRuntimePanel runtime={diagnosis.runtime} engine={diagnosis.engine} />
            </div>
          </div>
          <TruthMatrix views={derived.matrix} otherProjects={diagnosis.otherProjects} />
          <ServicesTable groups={derived.groups} />
        </>
      )}
    </div>
  );
}
