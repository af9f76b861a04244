import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../../shared/error-message.ts';
import type { BundleResult, Diagnosis } from '../../shared/model/index.ts';
import type { DiagnosticsBundleOptions } from '../adapters/bundle/write-diagnostics-bundle.ts';
import type { Clock } from '../core/ports/clock.port.ts';
import type { Logger } from '../core/ports/logger.port.ts';
import type { BundleRequest, BundleService } from './bundle-service.ts';
import type { DiagnosisService } from './diagnosis-service.ts';

/** How old the latest diagnosis may be and still go into a bundle without a fresh one, ms. */
export const DEFAULT_DIAGNOSIS_MAX_AGE_MS = 5 * 60_000;

export interface BundleServiceDeps {
  diagnosis: Pick<DiagnosisService, 'diagnose' | 'last'>;
  settings: { get(): unknown };
  /** Folder of the log files. */
  logDir: string;
  /** The app's data folder (the settings file's folder): reports live in `reports/`, bundles go to `bundles/`. */
  dataDir: string;
  /** The app's workspace, diagnosed when the request names none. */
  workspace: () => string;
  clock: Clock;
  logger: Logger;
  appInfo: { name: string; version: string };
  /** The bundle writer (adapters/bundle); injected so this file stays free of archive I/O. */
  write: (options: DiagnosticsBundleOptions) => Promise<BundleResult>;
  /** A diagnosis of the same workspace younger than this is reused, ms. Default 5 minutes; 0 always diagnoses. */
  maxDiagnosisAgeMs?: number;
}

/**
 * The BundleService: a recent diagnosis of the workspace is reused (the dashboard's periodic check keeps one);
 * otherwise one runs first, so a bundle always says what the stack looks like now. A diagnosis that cannot
 * run (no such workspace) is logged and the bundle is written without it: its manifest lists it as missing.
 */
export function createBundleService(deps: BundleServiceDeps): BundleService {
  const log = deps.logger.child({ component: 'bundle' });
  const reportsDir = join(deps.dataDir, 'reports');
  const bundlesDir = join(deps.dataDir, 'bundles');
  const maxAgeMs = deps.maxDiagnosisAgeMs ?? DEFAULT_DIAGNOSIS_MAX_AGE_MS;

  const latest = async (workspace: string): Promise<Diagnosis | null> => {
    const last = deps.diagnosis.last;
    const age = last ? deps.clock.date().getTime() - Date.parse(last.checkedAt) : Infinity;
    if (last && last.workspace === workspace && age >= 0 && age <= maxAgeMs) return last;
    try {
      return await deps.diagnosis.diagnose({ workspace });
    } catch (error) {
      log.warn({ err: errorMessage(error) }, 'bundle written without a diagnosis');
      return last;
    }
  };

  return {
    reportsDir,
    bundlesDir,
    async create(request: BundleRequest = {}) {
      const workspace = request.workspace ?? deps.workspace();
      const latestDiagnosis = await latest(workspace);
      if (request.out === undefined) await mkdir(bundlesDir, { recursive: true, mode: 0o700 });
      const result = await deps.write({
        out: request.out ?? bundlesDir,
        latestDiagnosis,
        reportsDir,
        logDir: deps.logDir,
        settings: deps.settings.get(),
        appInfo: deps.appInfo,
        clock: deps.clock,
      });
      log.info({ path: result.path, bytes: result.bytes, entries: result.entries.length }, 'diagnostics bundle written');
      return result;
    },
  };
}
