import type { SupervisionStatus } from '../../../../shared/model/index.ts';
import { supervisionSummary } from './recovery-format.ts';

interface Props {
  status: SupervisionStatus;
  nowMs: number;
  busy: boolean;
  onToggle: () => void;
}

/** Engine connection, paused or active, and the pause/resume switch. */
export function SupervisionBar({ status, nowMs, busy, onToggle }: Props) {
  const summary = supervisionSummary(status, nowMs);
  return (
    <div
      className={`card supervision-bar tone-${summary.tone}`}
      data-testid="supervision-bar"
      data-engine={status.engine.state}
      data-paused={String(status.paused)}
    >
      <span className={`level-dot ${summary.tone}`} aria-hidden="true" />
      <span className="supervision-text" data-testid="supervision-summary">
        {summary.text}
      </span>
      <span className="muted small">
        {status.workspace}
        {status.projects.length > 0 ? ` · ${status.projects.join(', ')}` : ''}
      </span>
      {status.started && (
        <button type="button" data-testid="supervision-toggle" disabled={busy} onClick={onToggle}>
          {status.paused ? 'Resume supervision' : 'Pause supervision'}
        </button>
      )}
    </div>
  );
}
