import type { ArchiveNames } from '../../core/bundle/bundle-layout.ts';
import { pickFiles, type PickLimits } from '../../core/bundle/pick-files.ts';
import { redactEntryText, type EntryFormat } from '../../core/bundle/redact-entry.ts';
import type { BundleEntry, BundleOmission, BundlePart } from '../../../shared/model/bundle.ts';
import { listFolder, readTail, type ListOptions } from './bundle-files.ts';
import type { ArchiveFile } from './tar-gz.ts';

/** What the bundle has gathered so far: the files to archive, their manifest entries, and what was left out. */
export interface Collected {
  files: ArchiveFile[];
  entries: BundleEntry[];
  missing: BundleOmission[];
  skipped: BundleOmission[];
}

/** One source folder of the bundle and how its files are chosen and read. */
export interface FolderSource {
  part: Extract<BundlePart, 'report' | 'log'>;
  dir: string;
  /** Folder inside the archive. */
  folder: string;
  list: ListOptions;
  pick: PickLimits;
  /** How a file's text is parsed for redaction, by its path relative to `dir`. */
  format(path: string): EntryFormat;
}

/**
 * Adds the newest files of a folder within its limits, each redacted. A folder that is not there is listed as
 * missing; a file that cannot be read, or that changed between listing and reading, as skipped.
 */
export async function collectFolder(collected: Collected, names: ArchiveNames, source: FolderSource): Promise<void> {
  const listing = await listFolder(source.dir, source.list);
  if (listing.kind === 'missing') return void collected.missing.push({ part: source.part, path: source.dir, reason: listing.reason });
  for (const skip of listing.skipped) collected.skipped.push({ part: source.part, ...skip });
  const { picked, skipped } = pickFiles(listing.files, source.pick);
  for (const skip of skipped) collected.skipped.push({ part: source.part, ...skip });
  const byPath = new Map(listing.files.map((file) => [file.path, file]));
  for (const pick of picked) {
    const file = byPath.get(pick.path);
    if (!file) continue;
    const read = await readTail(file, pick.readBytes);
    if (!read.ok) {
      collected.skipped.push({ part: source.part, path: pick.path, reason: read.reason });
      continue;
    }
    const redacted = redactEntryText(read.text, source.format(pick.path));
    const name = names.name(source.folder, pick.path);
    collected.files.push({ name, text: redacted.text });
    collected.entries.push({
      path: name,
      part: source.part,
      bytes: Buffer.byteLength(redacted.text),
      source: file.absolute,
      sourceBytes: read.sourceBytes,
      truncated: read.truncated,
      redactions: redacted.redactions,
      ...(redacted.redactedPaths.length > 0 ? { redactedPaths: redacted.redactedPaths } : {}),
    });
  }
}
