import { useState } from 'react';
import { compareFindings, type Finding } from '../../../../shared/model/index.ts';
import { InlineCode } from '../../ui/inline-code-text.tsx';
import { formatDuration } from './format.ts';

/** DOM id of a finding's card, so the tray's "open finding" can point at it with a `#finding-<ID>` hash. */
export const findingAnchor = (finding: Pick<Finding, 'id'>) => `finding-${finding.id}`;

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <button type="button" className="ghost small" onClick={copy}>
      {copied ? 'copied' : 'copy'}
    </button>
  );
}

function FindingCard({ finding, highlighted }: { finding: Finding; highlighted: boolean }) {
  return (
    <article
      className={`finding severity-${finding.severity}${highlighted ? ' highlighted' : ''}`}
      data-testid="finding"
      data-finding-id={finding.id}
      id={findingAnchor(finding)}
    >
      <header>
        <span className={`badge severity-${finding.severity}`}>{finding.severity}</span>
        <span className="mono small">{finding.id}</span>
        <span className="muted small mono">{finding.subject}</span>
      </header>
      <h3 data-testid="finding-summary">{finding.summary}</h3>
      <p>
        <strong>Cause.</strong> <InlineCode text={finding.cause} />
      </p>
      <div className="fix">
        <p>
          <strong>Fix.</strong> <InlineCode text={finding.fix.description} />
        </p>
        {finding.fix.command && (
          <div className="command">
            <code>{finding.fix.command}</code>
            <CopyButton text={finding.fix.command} />
          </div>
        )}
        {finding.fix.lasting && (
          <p>
            <strong>Lasting fix.</strong> <InlineCode text={finding.fix.lasting} />
          </p>
        )}
      </div>
      {finding.evidence.length > 0 && (
        <details>
          <summary>Evidence ({finding.evidence.length})</summary>
          <ul className="probes">
            {finding.evidence.map((probe, index) => (
              <li key={`${probe.kind}-${probe.target}-${index}`}>
                <span className={probe.ok ? 'ok' : 'bad'}>{probe.ok ? '✓' : '✗'}</span> {probe.kind}{' '}
                <span className="mono">{probe.target}</span> <span className="muted">from {probe.from}</span>{' '}
                <span className="muted">{formatDuration(probe.latencyMs)}</span>
                {probe.error && (
                  <span className="bad small">
                    {' '}
                    {probe.error.code}: {probe.error.message}
                  </span>
                )}
                {probe.detail && Object.keys(probe.detail).length > 0 && (
                  <pre className="detail">{JSON.stringify(probe.detail, null, 2)}</pre>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}

/** Findings worst first, each with its cause, its fix and the evidence behind it. */
export function FindingsList({ findings, highlightId }: { findings: Finding[]; highlightId: string | null }) {
  const sorted = [...findings].sort(compareFindings);
  return (
    <section className="card">
      <h2>Findings</h2>
      {sorted.length === 0 && <p className="muted">Nothing to fix.</p>}
      {sorted.map((finding, index) => (
        <FindingCard key={`${finding.id}-${finding.subject}-${index}`} finding={finding} highlighted={highlightId === finding.id} />
      ))}
    </section>
  );
}
