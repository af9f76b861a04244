import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { ArchiveNames, bundleStem, defaultBundleFileName, homeRelative, REDACTION_RULES } from '../../core/bundle/bundle-layout.ts';
import { redactJsonValue, toJsonData } from '../../core/bundle/redact-entry.ts';
import type { Clock } from '../../core/ports/clock.port.ts';
import type { BundleEntry, BundleLimits, BundleManifest, BundleResult } from '../../../shared/model/bundle.ts';
import { redactText } from '../../../shared/redact.ts';
import { packTarGz, type ArchiveFile } from './tar-gz.ts';
import { collectFolder, type Collected } from './collect-folder.ts';

const MiB = 1024 * 1024;

/** Bounds of a bundle when the caller sets none. */
export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  // The live log and the logger's 5 rotated files.
  maxLogFiles: 6,
  maxLogBytes: 8 * MiB,
  maxReportFiles: 50,
  maxReportBytes: 8 * MiB,
  maxJsonBytes: 8 * MiB,
};

/** Folder levels searched below the reports folder (a report per folder, grouped by date, …). */
const REPORT_DEPTH = 4;

export interface DiagnosticsBundleOptions {
  /** Where to write: a file path, or an existing folder to put `stack-doctor-bundle-<timestamp>.tar.gz` in. */
  out: string;
  /** The latest diagnosis, any JSON value (normally a `Diagnosis`); null when none has run yet. */
  latestDiagnosis: unknown;
  /** Folder of repair reports: `*.json` and `*.md`, up to 4 folders deep. A missing folder is noted, not an error. */
  reportsDir: string;
  /** Folder of the log files (`stack-doctor.log`, `stack-doctor.log.1` …). A missing folder is noted, not an error. */
  logDir: string;
  /** The settings in effect, any JSON value (normally `Settings`). */
  settings: unknown;
  /** Who wrote the bundle; the platform, arch, Node and Electron versions are added. */
  appInfo: { name: string; version: string };
  /** Stamps the manifest, the file name and the entries. */
  clock: Clock;
  /**
   * Bounds, each optional: log files 6 and 8 MiB (newest first; the oldest file kept may be cut to its newest
   * lines), report files 50 and 8 MiB (whole files only), diagnosis and settings 8 MiB each as JSON.
   */
  limits?: Partial<BundleLimits>;
}

/**
 * Writes the diagnostics bundle to attach to a bug report: one tar.gz holding `manifest.json`, the latest
 * diagnosis, the settings, the repair reports and the recent logs, every secret redacted (see
 * core/bundle/redact-entry.ts and the manifest's `redaction.rules`). Symbolic links are never followed, sizes
 * are bounded, and the file appears atomically (written beside its destination, then renamed; mode 0600).
 * Missing parts are listed in the manifest; only failing to write the archive rejects.
 */
export async function writeDiagnosticsBundle(options: DiagnosticsBundleOptions): Promise<BundleResult> {
  const limits = { ...DEFAULT_BUNDLE_LIMITS, ...options.limits };
  const now = options.clock.date();
  const names = new ArchiveNames();
  const manifestName = names.reserve('manifest.json');
  const collected: Collected = { files: [], entries: [], missing: [], skipped: [] };

  addValue(collected, names, 'diagnosis', options.latestDiagnosis, limits.maxJsonBytes, 'no diagnosis has run yet');
  addValue(collected, names, 'settings', options.settings, limits.maxJsonBytes, 'no settings were given');
  await collectFolder(collected, names, {
    part: 'report',
    dir: options.reportsDir,
    folder: 'reports',
    list: { maxDepth: REPORT_DEPTH, accept: (name) => /\.(json|md)$/i.test(name) },
    pick: { maxFiles: limits.maxReportFiles, maxBytes: limits.maxReportBytes, allowTail: false },
    format: (path) => (/\.json$/i.test(path) ? 'json' : 'text'),
  });
  await collectFolder(collected, names, {
    part: 'log',
    dir: options.logDir,
    folder: 'logs',
    list: { maxDepth: 0, accept: (name) => /\.log(\.\d+)?$/i.test(name) },
    pick: { maxFiles: limits.maxLogFiles, maxBytes: limits.maxLogBytes, allowTail: true },
    format: () => 'json-lines',
  });

  const home = homedir();
  const shown = (path: string): string => homeRelative(path, home);
  const entries = collected.entries.map((entry) => (entry.source ? { ...entry, source: shown(entry.source) } : entry));
  const manifest: BundleManifest = {
    format: 'stack-doctor-bundle',
    formatVersion: 1,
    createdAt: now.toISOString(),
    app: { ...options.appInfo, ...runtimeInfo() },
    sources: { logDir: shown(options.logDir), reportsDir: shown(options.reportsDir) },
    entries,
    missing: collected.missing.map((item) => ({ ...item, path: shown(item.path) })),
    skipped: collected.skipped,
    redaction: { rules: [...REDACTION_RULES], total: entries.reduce((sum, entry) => sum + entry.redactions, 0) },
    limits,
  };
  // The manifest quotes file names and folder paths: it gets the same last pass as every other entry.
  const manifestText = redactText(`${JSON.stringify(manifest, null, 2)}\n`);
  const manifestEntry: BundleEntry = {
    path: manifestName,
    part: 'manifest',
    bytes: Buffer.byteLength(manifestText),
    truncated: false,
    redactions: 0,
  };
  const files: ArchiveFile[] = [{ name: manifestName, text: manifestText }, ...collected.files];

  const archive = await packTarGz(bundleStem(now), files, now);
  const path = await destination(options.out, now);
  await writeFileAtomic(path, archive, { mode: 0o600 });
  // The entries as the manifest holds them, after its last pass: what the caller prints carries no more than the archive.
  const shownEntries = (JSON.parse(manifestText) as BundleManifest).entries;
  return { path, bytes: archive.length, entries: [manifestEntry, ...shownEntries] };
}

/** Adds a value held in memory (the diagnosis, the settings) as `<part>.json`, redacted and bounded. */
function addValue(
  collected: Collected,
  names: ArchiveNames,
  part: 'diagnosis' | 'settings',
  value: unknown,
  maxBytes: number,
  absent: string,
): void {
  if (value === null || value === undefined) return void collected.missing.push({ part, path: '-', reason: absent });
  const data = toJsonData(value);
  if (!data.ok) return void collected.missing.push({ part, path: '-', reason: data.reason });
  const redacted = redactJsonValue(data.value);
  const bytes = Buffer.byteLength(redacted.text);
  if (bytes > maxBytes)
    return void collected.missing.push({ part, path: '-', reason: `${bytes} bytes as JSON, over the limit of ${maxBytes}` });
  const name = names.reserve(`${part}.json`);
  collected.files.push({ name, text: redacted.text });
  collected.entries.push({
    path: name,
    part,
    bytes,
    truncated: false,
    redactions: redacted.redactions,
    redactedPaths: redacted.redactedPaths,
  });
}

/** `out` as an absolute file path: inside it with the default name when it is an existing folder. */
async function destination(out: string, now: Date): Promise<string> {
  const absolute = resolve(out);
  const isFolder = await stat(absolute).then(
    (info) => info.isDirectory(),
    () => false,
  );
  return isFolder ? join(absolute, defaultBundleFileName(now)) : absolute;
}

function runtimeInfo(): Pick<BundleManifest['app'], 'platform' | 'arch' | 'node' | 'electron'> {
  const electron = process.versions['electron'];
  return { platform: process.platform, arch: process.arch, node: process.versions.node, ...(electron ? { electron } : {}) };
}
