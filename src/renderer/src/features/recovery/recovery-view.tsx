import { memo, useState } from 'react';
import { ErrorBanner } from '../../ui/error-banner.tsx';
import { useNow } from '../../ui/use-now.ts';
import { HistoryTable } from './history-table.tsx';
import { PlanTable } from './plan-table.tsx';
import { PolicyEditor } from './policy-editor.tsx';
import { ServiceStates } from './service-states.tsx';
import { SupervisionBar } from './supervision-bar.tsx';
import { useRecovery } from './use-recovery.ts';

// History ages need no second-by-second tick: the table re-renders when its list changes or every 5 s.
const MemoHistory = memo(HistoryTable);
const MemoPolicyEditor = memo(PolicyEditor);

/** The Recovery view: supervision switch, per-service states, running and queued recoveries, history, policies. */
export function RecoveryView() {
  const { state, controller } = useRecovery();
  // One tick a second: "next in 8 s" counts down; everything else is derived from the status on that tick.
  const nowMs = useNow(1000);
  const [selected, setSelected] = useState<string | null>(null);
  const { status } = state;

  if (!state.loaded) return <p className="muted placeholder">Loading supervision…</p>;
  if (state.unavailable)
    return (
      <p className="muted placeholder" data-testid="recovery-unavailable">
        Supervision is not available in this host.
      </p>
    );
  const service = selected ?? status?.recovery.services[0]?.service ?? null;
  const policy = service ? status?.policies[service] : undefined;
  return (
    <div className="recovery" data-testid="recovery-view">
      {state.error && <ErrorBanner error={state.error} onDismiss={controller.dismissError} />}
      {status && (
        <>
          <SupervisionBar status={status} nowMs={nowMs} busy={state.busy.has('switch')} onToggle={() => void controller.togglePause()} />
          <ServiceStates
            services={status.recovery.services}
            checks={status.checks}
            nowMs={nowMs}
            selected={service}
            onSelect={setSelected}
          />
          <PlanTable
            active={status.recovery.active}
            queued={status.recovery.queued}
            parallelism={status.recovery.parallelism}
            nowMs={nowMs}
            busy={state.busy}
            onCancel={(id) => void controller.cancel(id)}
            onApprove={(id) => void controller.approve(id)}
          />
          {service && policy && (
            <MemoPolicyEditor
              service={service}
              policy={policy}
              saving={state.busy.has(`policy:${service}`)}
              onSave={controller.savePolicy}
            />
          )}
          <MemoHistory history={state.history} nowMs={Math.floor(nowMs / 5000) * 5000} />
        </>
      )}
    </div>
  );
}
