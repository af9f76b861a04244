import type { EngineReport, Runtime } from '../../../../shared/model/index.ts';
import { formatDuration } from './format.ts';

const runtimeLabel: Record<Runtime['kind'], string> = {
  host: 'on the host',
  devcontainer: 'inside a devcontainer',
  'compose-service': 'inside a compose service',
  container: 'inside a container',
};

/** Where Stack Doctor runs (it decides what "resolves from here" means) and the Docker engine it reached. */
export function RuntimePanel({ runtime, engine }: { runtime: Runtime; engine: EngineReport }) {
  return (
    <section className="card">
      <h2>Runtime</h2>
      <dl className="facts">
        <dt>Stack Doctor runs</dt>
        <dd>
          {runtimeLabel[runtime.kind]} <span className="mono muted">({runtime.hostname})</span>
        </dd>
        {runtime.signals.length > 0 && (
          <>
            <dt>Because</dt>
            <dd className="mono small">{runtime.signals.join(', ')}</dd>
          </>
        )}
        <dt>Docker engine</dt>
        <dd>
          {engine.ok ? <span className="ok">reachable</span> : <span className="bad">unreachable</span>}
          {engine.version ? ` · ${engine.version}` : ''} · {formatDuration(engine.probe.latencyMs)}
        </dd>
        <dt>Endpoint</dt>
        <dd className="mono small">
          {engine.endpoint}
          {engine.context ? ` (context ${engine.context})` : ''}
        </dd>
        {!engine.ok && engine.probe.error && (
          <>
            <dt>Error</dt>
            <dd className="bad small">
              {engine.probe.error.code}: {engine.probe.error.message}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
