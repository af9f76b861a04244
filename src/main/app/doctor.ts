import type { Diagnosis } from '../../shared/model/index.ts';
import type { DiagnoseOptions } from '../core/diagnosis/diagnose-options.ts';

/** The one façade the shells (Electron ipc, CLI, serve mode) talk to. */
export interface Doctor {
  /** Runs one diagnosis. Rejects only with DiagnoseInputError (nothing to diagnose); stack problems are findings. */
  diagnose(options?: DiagnoseOptions): Promise<Diagnosis>;
  /** The latest completed diagnosis, or null. */
  readonly last: Diagnosis | null;
  onStarted(listener: (event: { correlationId: string; workspace: string }) => void): () => void;
  onCompleted(listener: (diagnosis: Diagnosis) => void): () => void;
  dispose(): Promise<void>;
}
