import type { LogEntry, LogFilter } from '../../shared/model/index.ts';
import type { Event } from '../../shared/lifecycle/emitter.ts';

/** The app's structured log, read back: what the Logs view and `forwardAppEvents` use. */
export interface LogsService {
  /** The newest entries matching the filter, oldest first (redacted). */
  query(filter?: LogFilter): Promise<LogEntry[]>;
  /** Entries appended from now on, in batches; the log is only watched while someone listens. */
  readonly onEntries: Event<LogEntry[]>;
  dispose(): Promise<void>;
}
