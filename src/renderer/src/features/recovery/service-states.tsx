import type { ServiceRecoveryStatus } from '../../../../shared/model/index.ts';
import { serviceLine, stateTone } from './recovery-format.ts';

interface Props {
  services: ServiceRecoveryStatus[];
  nowMs: number;
  selected: string | null;
  onSelect: (service: string) => void;
}

/** One row per supervised service: its state with durations (re-derived on the clock tick), why, and its strategy. */
export function ServiceStates({ services, nowMs, selected, onSelect }: Props) {
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
