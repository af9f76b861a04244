import { describe, expect, it } from 'vitest';
import { pickFiles, type FileCandidate } from '../../../../src/main/core/bundle/pick-files.ts';

const KiB = 1024;
const logs: FileCandidate[] = [
  { path: 'stack-doctor.log.2', bytes: 30 * KiB, mtimeMs: 1000 },
  { path: 'stack-doctor.log', bytes: 10 * KiB, mtimeMs: 3000 },
  { path: 'stack-doctor.log.1', bytes: 20 * KiB, mtimeMs: 2000 },
  { path: 'stack-doctor.log.3', bytes: 1 * KiB, mtimeMs: 500 },
];

describe('pickFiles', () => {
  it('takes the newest files whole while they fit', () => {
    const { picked, skipped } = pickFiles(logs, { maxFiles: 10, maxBytes: 100 * KiB, allowTail: true });
    expect(picked.map((p) => p.path)).toEqual(['stack-doctor.log', 'stack-doctor.log.1', 'stack-doctor.log.2', 'stack-doctor.log.3']);
    expect(picked.every((p) => !p.truncated)).toBe(true);
    expect(skipped).toEqual([]);
  });

  it('with tails allowed, cuts the first file that does not fit to the rest of the budget and skips the others', () => {
    const { picked, skipped } = pickFiles(logs, { maxFiles: 10, maxBytes: 40 * KiB, allowTail: true });
    expect(picked).toEqual([
      { path: 'stack-doctor.log', readBytes: 10 * KiB, truncated: false },
      { path: 'stack-doctor.log.1', readBytes: 20 * KiB, truncated: false },
      { path: 'stack-doctor.log.2', readBytes: 10 * KiB, truncated: true },
    ]);
    expect(skipped).toEqual([{ path: 'stack-doctor.log.3', reason: `over the byte budget of ${40 * KiB} bytes (${KiB} bytes)` }]);
  });

  it('without tails, skips files that do not fit but still takes smaller older ones', () => {
    const { picked, skipped } = pickFiles(logs, { maxFiles: 10, maxBytes: 40 * KiB, allowTail: false });
    expect(picked.map((p) => p.path)).toEqual(['stack-doctor.log', 'stack-doctor.log.1', 'stack-doctor.log.3']);
    expect(skipped.map((s) => s.path)).toEqual(['stack-doctor.log.2']);
  });

  it('stops at the file limit and says so', () => {
    const { picked, skipped } = pickFiles(logs, { maxFiles: 2, maxBytes: 100 * KiB, allowTail: true });
    expect(picked.map((p) => p.path)).toEqual(['stack-doctor.log', 'stack-doctor.log.1']);
    expect(skipped.map((s) => s.reason)).toEqual(['over the limit of 2 files', 'over the limit of 2 files']);
  });

  it('does not add a sliver of a file when little budget is left, but a small budget still gets a tail', () => {
    const nearlyFull = pickFiles(logs, { maxFiles: 10, maxBytes: 32 * KiB, allowTail: true });
    expect(nearlyFull.picked.map((p) => p.path)).toEqual(['stack-doctor.log', 'stack-doctor.log.1', 'stack-doctor.log.3']);
    const tiny = pickFiles([{ path: 'big.log', bytes: 10 * KiB, mtimeMs: 1 }], { maxFiles: 1, maxBytes: 100, allowTail: true });
    expect(tiny.picked).toEqual([{ path: 'big.log', readBytes: 100, truncated: true }]);
  });

  it('orders files with the same time by path', () => {
    const same = [
      { path: 'b.json', bytes: 1, mtimeMs: 1 },
      { path: 'a.json', bytes: 1, mtimeMs: 1 },
    ];
    expect(pickFiles(same, { maxFiles: 5, maxBytes: 10, allowTail: false }).picked.map((p) => p.path)).toEqual(['a.json', 'b.json']);
  });
});
