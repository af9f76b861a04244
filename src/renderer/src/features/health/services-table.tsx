import type { ServiceReport } from '../../../../shared/model/index.ts';
import { formatDuration } from './format.ts';

function stateClass(service: ServiceReport): string {
  const container = service.container;
  if (!container) return 'bad';
  if (container.state !== 'running' || container.health === 'unhealthy') return 'bad';
  if (container.health === 'starting' || container.restartCount > 0) return 'warn';
  return 'ok';
}

/** Services with their container facts and every probe run for them, with latencies. */
export function ServicesTable({ services }: { services: ServiceReport[] }) {
  return (
    <section className="card">
      <h2>Services</h2>
      {services.length === 0 ? (
        <p className="muted">No services.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Service</th>
              <th>Container</th>
              <th>Health</th>
              <th className="num">Restarts</th>
              <th>Probes</th>
            </tr>
          </thead>
          <tbody>
            {services.map((service) => (
              <tr key={`${service.project}/${service.name}`} data-testid="service-row" data-service={service.name}>
                <td>
                  <strong>{service.name}</strong>
                  <div className="muted small">
                    {service.project}
                    {service.role === 'devcontainer' ? ' · devcontainer' : ''}
                  </div>
                </td>
                <td>
                  {service.container ? (
                    <>
                      <span className={stateClass(service)}>{service.container.state}</span>
                      {service.container.state === 'exited' && <span className="muted"> ({service.container.exitCode})</span>}
                      <div className="muted small mono">{service.container.name}</div>
                    </>
                  ) : (
                    <span className="bad">not created</span>
                  )}
                </td>
                <td>{service.container?.health ?? '—'}</td>
                <td className="num">{service.container?.restartCount ?? '—'}</td>
                <td>
                  <ul className="probes">
                    {service.probes.map((probe, index) => (
                      <li key={`${probe.kind}-${probe.target}-${probe.from}-${index}`} title={probe.error?.message}>
                        <span className={probe.ok ? 'ok' : 'bad'}>{probe.ok ? '✓' : '✗'}</span>{' '}
                        <span className="probe-kind">{probe.kind}</span> <span className="mono">{probe.target}</span>
                        {probe.from !== 'host' && <span className="muted small"> from {probe.from}</span>}{' '}
                        <span className="muted">{formatDuration(probe.latencyMs)}</span>
                        {!probe.ok && probe.error && <span className="bad small"> {probe.error.code}</span>}
                      </li>
                    ))}
                    {service.probes.length === 0 && <li className="muted">no probes</li>}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
