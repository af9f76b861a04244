import type { Diagnosis } from '../../../../shared/model/index.ts';
import { countSeverities, formatAge, formatDuration } from './format.ts';

export interface VerdictBannerProps {
  diagnosis: Diagnosis | null;
  checking: boolean;
  onCheckNow: () => void;
  nowMs: number;
}

const headline = {
  healthy: 'Your stack is healthy',
  degraded: 'Your stack works, with problems',
  unhealthy: 'Your stack is broken',
  checking: 'Checking your stack…',
  unknown: 'No diagnosis yet',
} as const;

/** Verdict first: the word, what it means, the counts, when and how long; and the Check now button. */
export function VerdictBanner({ diagnosis, checking, onCheckNow, nowMs }: VerdictBannerProps) {
  // `unknown`: no diagnosis and none running (the first check failed; the error banner says why).
  const verdict = diagnosis?.verdict ?? (checking ? 'checking' : 'unknown');
  return (
    <section className={`verdict-banner verdict-${verdict}`} aria-live="polite">
      <div className="verdict-main">
        <span className="verdict-dot" aria-hidden="true" />
        <div>
          <div className="verdict-word" data-testid="verdict" data-verdict={verdict} data-correlation-id={diagnosis?.correlationId}>
            {verdict}
          </div>
          <div className="verdict-headline">{headline[verdict]}</div>
        </div>
      </div>
      {diagnosis && (
        <dl className="verdict-facts">
          <div>
            <dt>Findings</dt>
            <dd>{countSeverities(diagnosis.findings)}</dd>
          </div>
          <div>
            <dt>Services</dt>
            <dd>
              {diagnosis.services.filter((s) => s.container?.state === 'running').length}/{diagnosis.services.length} running
            </dd>
          </div>
          <div>
            <dt>Checked</dt>
            <dd title={diagnosis.checkedAt}>
              {formatAge(diagnosis.checkedAt, nowMs)} in {formatDuration(diagnosis.durationMs)}
            </dd>
          </div>
          <div>
            <dt>Workspace</dt>
            <dd className="mono" title={diagnosis.workspace}>
              {diagnosis.workspace}
            </dd>
          </div>
        </dl>
      )}
      <div className="verdict-actions">
        {checking && (
          <span className="checking" data-testid="checking">
            <span className="spinner" aria-hidden="true" /> checking…
          </span>
        )}
        <button type="button" className="primary" data-testid="check-now" disabled={checking} onClick={onCheckNow}>
          Check now
        </button>
      </div>
    </section>
  );
}
