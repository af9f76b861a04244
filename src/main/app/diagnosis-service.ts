import type { Diagnosis } from '../../shared/model/index.ts';
import type { Event } from '../../shared/lifecycle/emitter.ts';
import type { DiagnoseOptions } from '../core/diagnosis/diagnose-options.ts';

/** A diagnosis run announced before it probes anything. */
export interface DiagnosisStarted {
  correlationId: string;
  workspace: string;
}

/** Runs diagnoses for every face (Electron ipc, serve mode, the CLI) and tells who listens. */
export interface DiagnosisService {
  /** Runs one diagnosis. Rejects only with DiagnoseInputError (nothing to diagnose); stack problems are findings. */
  diagnose(options?: DiagnoseOptions): Promise<Diagnosis>;
  /** The latest completed diagnosis, or null. */
  readonly last: Diagnosis | null;
  /** True while at least one `diagnose` call is in flight, whoever made it (a page, the tray, the periodic check). */
  readonly checking: boolean;
  readonly onStarted: Event<DiagnosisStarted>;
  readonly onCompleted: Event<Diagnosis>;
  /**
   * Fires when `checking` flips. Unlike `onCompleted` it also ends a run that failed, so nothing that shows
   * "checking" (the tray) or waits for the end of a run (the periodic check) is left waiting.
   */
  readonly onCheckingChange: Event<boolean>;
  /** Waits for the runs in flight, then refuses new ones. */
  dispose(): Promise<void>;
}
