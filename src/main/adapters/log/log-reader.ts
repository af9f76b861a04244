import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { matchesLogFilter, type LogEntry, type LogFilter } from '../../../shared/model/index.ts';
import type { SyncDisposable } from '../../../shared/lifecycle/disposable.ts';
import { Emitter, type Event } from '../../../shared/lifecycle/emitter.ts';
import type { Clock } from '../../core/ports/clock.port.ts';
import { parseLogLine } from './log-line.ts';

/** Entries answered when a filter sets no `limit`. */
export const DEFAULT_LOG_LIMIT = 200;

export interface LogReaderOptions {
  /** Folder of `stack-doctor.log`. */
  dir: string;
  clock: Clock;
  /** How often a followed log is looked at, ms. Default 500. */
  pollMs?: number;
  /** Most of the file's end read by a query, bytes. Default 2 MiB (the logger rotates at 1 MiB). */
  maxReadBytes?: number;
  /** Most bytes read per poll; a burst beyond it is skipped to its last lines. Default 256 KiB. */
  maxPollBytes?: number;
}

/**
 * Reads the structured log the logger writes (`stack-doctor.log`, JSON lines): the newest entries matching a
 * filter, and while anyone listens to `onEntries`, the entries appended since (polled; a rotation is noticed
 * when the file shrinks or is replaced). Every line is redacted again. `seq` grows along the log across
 * rotations, within one reader. Rotated files are not read: the live file holds the last 1 MiB.
 */
export class LogReader {
  readonly onEntries: Event<LogEntry[]>;
  private readonly emitter = new Emitter<LogEntry[]>();
  private readonly file: string;
  private readonly pollMs: number;
  private readonly maxReadBytes: number;
  private readonly maxPollBytes: number;
  /** seq of byte 0 of the live file: grows by the old file's size at each rotation. */
  private base = 0;
  private position: number | null = null;
  private inode: number | null = null;
  private timer: SyncDisposable | null = null;
  private polling: Promise<void> | null = null;
  private disposed = false;

  constructor(private readonly options: LogReaderOptions) {
    this.file = join(options.dir, 'stack-doctor.log');
    this.pollMs = options.pollMs ?? 500;
    this.maxReadBytes = options.maxReadBytes ?? 2 * 1024 * 1024;
    this.maxPollBytes = options.maxPollBytes ?? 256 * 1024;
    this.onEntries = (listener) => {
      const subscription = this.emitter.on(listener);
      this.startFollowing();
      return {
        dispose: () => {
          subscription.dispose();
          if (this.emitter.listenerCount === 0) this.stopFollowing();
        },
      };
    };
  }

  /** The newest entries matching `filter`, oldest first, at most `filter.limit` (default 200). A missing log is empty. */
  async query(filter: LogFilter = {}): Promise<LogEntry[]> {
    const size = await this.size();
    if (size === null) return [];
    const start = Math.max(0, size - this.maxReadBytes);
    const entries = this.parse(await this.readRange(start, size), start, start > 0).filter((entry) => matchesLogFilter(entry, filter));
    return entries.slice(-(filter.limit ?? DEFAULT_LOG_LIMIT));
  }

  /** Stops following and waits for a read in flight, so no file handle outlives the reader. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.stopFollowing();
    this.emitter.dispose();
    await this.polling;
  }

  private startFollowing(): void {
    if (this.timer || this.disposed) return;
    this.position = null;
    this.schedule();
  }

  private stopFollowing(): void {
    this.timer?.dispose();
    this.timer = null;
  }

  private schedule(): void {
    this.timer = this.options.clock.setTimeout(() => {
      this.polling = this.poll().finally(() => {
        this.polling = null;
        if (this.timer && !this.disposed) this.schedule();
      });
    }, this.pollMs);
  }

  /** Emits what was appended since the last poll; the first poll only notes where the file ends. */
  private async poll(): Promise<void> {
    const info = await stat(this.file).catch(() => null);
    if (!info) return;
    if (this.position === null) {
      this.position = info.size;
      this.inode = info.ino;
      return;
    }
    if (info.ino !== this.inode || info.size < this.position) {
      // Rotated: the old file ended at `position`; the new one starts after it in seq.
      this.base += this.position;
      this.position = 0;
      this.inode = info.ino;
    }
    if (info.size === this.position) return;
    const start = Math.max(this.position, info.size - this.maxPollBytes);
    const text = await this.readRange(start, info.size);
    // Only whole lines: a line still being written is read on the next poll.
    const end = text.lastIndexOf('\n') + 1;
    if (end === 0) return;
    const entries = this.parse(text.slice(0, end), start, start > this.position);
    this.position = start + Buffer.byteLength(text.slice(0, end));
    if (entries.length > 0 && this.timer) this.emitter.emit(entries);
  }

  private parse(text: string, offset: number, dropFirst: boolean): LogEntry[] {
    const entries: LogEntry[] = [];
    let at = offset;
    const lines = text.split('\n');
    lines.forEach((line, index) => {
      at += Buffer.byteLength(line) + 1;
      // A read that starts mid-file starts mid-line: that first piece is not an entry.
      if (index === 0 && dropFirst) return;
      const entry = parseLogLine(line, this.base + at);
      if (entry) entries.push(entry);
    });
    return entries;
  }

  private async size(): Promise<number | null> {
    return stat(this.file).then(
      (info) => info.size,
      () => null,
    );
  }

  private async readRange(start: number, end: number): Promise<string> {
    const handle = await open(this.file, 'r');
    try {
      const buffer = Buffer.alloc(Math.max(0, end - start));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  }
}
