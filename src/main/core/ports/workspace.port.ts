/**
 * One file read: its text, no such file (absent, or a directory where a file was expected), or a file that
 * is there but cannot be used (a symlink loop, a FIFO or device, too large, no permission), with a reason
 * fit for a finding.
 */
export type FileRead = { kind: 'text'; text: string } | { kind: 'missing' } | { kind: 'unreadable'; reason: string };

/** Read-only access to the workspace's files, for discovery. */
export interface WorkspacePort {
  /** Absolute, normalised path (symlinks resolved when possible). */
  resolve(dir: string): Promise<string>;
  isDirectory(path: string): Promise<boolean>;
  /** File names (not paths) directly in dir; empty when dir is missing. */
  list(dir: string): Promise<string[]>;
  /** A regular file's text (a leading UTF-8 byte-order mark dropped); never hangs, never reads past its size cap. */
  read(path: string): Promise<FileRead>;
}
