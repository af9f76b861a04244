import { createConfSettings } from '../adapters/settings/conf-settings.adapter.ts';
import { createLogger, defaultLogDir } from '../adapters/log/logger.ts';
import type { CliDeps, CliServices, DoctorFactory } from './cli-deps.ts';

/** The real process: its streams, env and cwd; logs under `defaultLogDir()`, settings in conf. */
export function processDeps(): CliDeps {
  const env = process.env;
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env,
    cwd: process.cwd(),
    openServices(verbose: boolean): CliServices {
      const { logger, close } = createLogger({ dir: defaultLogDir(env), verbose });
      return { logger, settings: createConfSettings({ logger, env }), close };
    },
    untilStopped: () =>
      new Promise((resolve) => {
        const stop = (signal: string) => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve(signal);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      }),
  };
}

/** Imported lazily so `--help` and `settings` never load the probes and the Docker client. */
export async function loadDoctorFactory(): Promise<DoctorFactory> {
  const { buildDoctor } = await import('../app/build-doctor.ts');
  return ({ logger, settings, env, cwd }) => buildDoctor({ logger, settings, env, cwd });
}
