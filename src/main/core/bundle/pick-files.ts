/** A file found in a source folder, before it is read. */
export interface FileCandidate {
  /** Path relative to the folder, `/`-separated. */
  path: string;
  bytes: number;
  /** Last modification, ms since the epoch: newest files are taken first. */
  mtimeMs: number;
}

/** How much of a folder goes into the bundle. */
export interface PickLimits {
  /** Files taken at most. */
  maxFiles: number;
  /** Bytes taken at most, summed over the files. */
  maxBytes: number;
  /**
   * Whether a file over the remaining budget contributes its end (logs: the newest lines matter) instead of
   * being skipped (JSON reports: half a document is no document).
   */
  allowTail: boolean;
}

/** A file to read, and how much of its end. */
export interface PickedFile {
  path: string;
  /** Read the last `readBytes` of the file (its whole size unless `truncated`). */
  readBytes: number;
  truncated: boolean;
}

/** A tail shorter than this (or than the whole budget, if smaller) is not worth a file: a line or two. */
const MIN_TAIL_BYTES = 4096;

/**
 * Which files of a folder go into the bundle: newest first (ties by path), whole while they fit in the byte
 * budget; with `allowTail`, the first one that does not fit contributes its end and fills the budget. The rest
 * are skipped with the limit they hit, so the manifest can say why.
 */
export function pickFiles(
  candidates: readonly FileCandidate[],
  limits: PickLimits,
): { picked: PickedFile[]; skipped: { path: string; reason: string }[] } {
  const ordered = [...candidates].sort((a, b) => b.mtimeMs - a.mtimeMs || a.path.localeCompare(b.path));
  const picked: PickedFile[] = [];
  const skipped: { path: string; reason: string }[] = [];
  let used = 0;
  for (const file of ordered) {
    const remaining = limits.maxBytes - used;
    if (picked.length >= limits.maxFiles) {
      skipped.push({ path: file.path, reason: `over the limit of ${limits.maxFiles} files` });
    } else if (file.bytes <= remaining) {
      picked.push({ path: file.path, readBytes: file.bytes, truncated: false });
      used += file.bytes;
    } else if (limits.allowTail && remaining > 0 && remaining >= Math.min(MIN_TAIL_BYTES, limits.maxBytes)) {
      picked.push({ path: file.path, readBytes: remaining, truncated: true });
      used += remaining;
    } else {
      skipped.push({ path: file.path, reason: `over the byte budget of ${limits.maxBytes} bytes (${file.bytes} bytes)` });
    }
  }
  return { picked, skipped };
}
