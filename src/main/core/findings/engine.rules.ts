import { fixOf, inlineCommand } from '../../../shared/command/fix-command.ts';
import type { EngineReport, Finding } from '../../../shared/model/index.ts';

/** DOCKER_UNREACHABLE when the engine did not answer at the endpoint we resolved. */
export function engineFindings(engine: EngineReport): Finding[] {
  if (engine.ok) return [];
  const where = engine.context ? `${engine.endpoint} (docker context "${engine.context}")` : engine.endpoint;
  const error = engine.probe.error;
  return [
    {
      id: 'DOCKER_UNREACHABLE',
      severity: 'error',
      subject: engine.endpoint,
      summary: `Docker engine not reachable at ${where}`,
      cause: `${error?.code ?? 'ERROR'}: ${error?.message ?? 'no answer'}. Without the engine no container, network or in-container DNS can be checked; only files and host-side probes ran.`,
      evidence: [engine.probe],
      fix: fixOf({
        description: `Start the Docker engine (Docker Desktop, or ${inlineCommand(['sudo', 'systemctl', 'start', 'docker'])} / ${inlineCommand(['dockerd'])}), or point DOCKER_HOST / the active docker context at a running engine. Looked at ${where}.`,
        look: { kind: 'engine-version', params: {} },
        action: { kind: 'start-engine', params: { endpoint: engine.endpoint } },
      }),
    },
  ];
}
