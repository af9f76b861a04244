import type { BundleResult } from '../../shared/model/index.ts';

export interface BundleRequest {
  /** A file path, or an existing folder to put `stack-doctor-bundle-<UTC stamp>.tar.gz` in. Default: `bundlesDir`. */
  out?: string;
  /** Workspace to diagnose when the latest diagnosis is not recent. Default the app's workspace. */
  workspace?: string;
}

/** Writes the diagnostics bundle for every face: `stack-doctor bundle`, the dashboard's button, the tray. */
export interface BundleService {
  /** Folder of repair reports put into bundles: `<app data>/reports`. */
  readonly reportsDir: string;
  /** Where bundles go when the request names no `out`: `<app data>/bundles`. */
  readonly bundlesDir: string;
  /** Diagnoses first unless a diagnosis of the workspace finished within `maxDiagnosisAgeMs`; rejects only when the archive cannot be written. */
  create(request?: BundleRequest): Promise<BundleResult>;
}
