import type { ServiceChecks, ServiceRecoveryStatus } from '../../../../shared/model/index.ts';
import { serviceLine, stateTone } from './recovery-format.ts';
import { componentRows, componentsSummary } from './service-checks.ts';

interface Props {
  services: ServiceRecoveryStatus[];
  /** Per service, the components of its latest health body (`checks`). */
  checks: Record<string, ServiceChecks>;
  nowMs: number;
  selected: string | null;
  onSelect: (service: string) => void;
}

/**
 * One row per supervised service: its state with durations (re-derived on the clock tick), why, the components its
 * health body reports (component → status, worst first), and its strategy.
 */
export function ServiceStates({ services, checks, nowMs, selected, onSelect }: Props) {
  return (
    <section className="card" data-testid="recovery-services">
      <h2>Services</h2>
      {services.length === 0 ? (
        <p className="muted">No services supervised yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Service</th>
              <th>State</th>
              <th>Why</th>
              <th>Components</th>
              <th>Policy</th>
            </tr>
          </thead>
          <tbody>
            {services.map((service) => (
              <tr key={service.service} data-testid="recovery-service" data-service={service.service} data-state={service.state}>
                <td className="mono">{service.service}</td>
                <td>
                  <span className={`level-dot ${stateTone(service.state)}`} aria-hidden="true" />{' '}
                  <span data-testid="service-state-line">{serviceLine(service, nowMs)}</span>
                  {service.waitingFor.length > 0 && <span className="muted small"> · waits for {service.waitingFor.join(', ')}</span>}
                </td>
                <td className="muted small">{service.reason}</td>
                <td className="small" data-testid="service-components">
                  <Components checks={checks[service.service]} />
                </td>
                <td>
                  <button
                    type="button"
                    className="ghost small"
                    data-testid="edit-policy"
                    aria-pressed={selected === service.service}
                    onClick={() => onSelect(service.service)}
                  >
                    {service.strategy}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Components({ checks }: { checks: ServiceChecks | undefined }) {
  const rows = componentRows(checks);
  if (rows.length === 0) return <span className="muted">—</span>;
  return (
    <span title={componentsSummary(checks) ?? undefined}>
      {rows.map((row) => (
        <span key={row.component} data-testid="service-component" data-component={row.component} data-tone={row.tone} title={row.label}>
          <span className={`level-dot ${row.tone}`} aria-hidden="true" /> <span className="mono">{row.component}</span>{' '}
          <span className="muted">{row.status}</span>{' '}
        </span>
      ))}
    </span>
  );
}
