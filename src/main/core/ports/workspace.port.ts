/** Read-only access to the workspace's files, for discovery. */
export interface WorkspacePort {
  /** Absolute, normalised path (symlinks resolved when possible). */
  resolve(dir: string): Promise<string>;
  isDirectory(path: string): Promise<boolean>;
  /** File names (not paths) directly in dir; empty when dir is missing. */
  list(dir: string): Promise<string[]>;
  /** File text, or null when it does not exist. */
  readText(path: string): Promise<string | null>;
}
