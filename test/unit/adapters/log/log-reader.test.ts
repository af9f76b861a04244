import { appendFile, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogReader } from '../../../../src/main/adapters/log/log-reader.ts';
import type { LogEntry } from '../../../../src/shared/model/index.ts';
import { FakeClock } from '../../support/fake-clock.ts';

const line = (fields: Record<string, unknown>) =>
  `${JSON.stringify({ level: 30, time: 1_767_225_600_000, pid: 1, hostname: 'h', ...fields })}\n`;

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sd-log-reader-'));
  file = join(dir, 'stack-doctor.log');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the log reader', () => {
  it('answers the newest entries matching correlation id, service and level, redacted', async () => {
    await writeFile(
      file,
      [
        line({ msg: 'a', correlationId: 'c1', component: 'smoke' }),
        'not json\n',
        line({ msg: 'b', correlationId: 'c2', level: 50, service: 'api', url: 'http://u:hunter22@db:5432' }),
        line({ msg: 'c', correlationId: 'c1', level: 20 }),
      ].join(''),
    );
    const reader = new LogReader({ dir, clock: new FakeClock() });
    expect((await reader.query({ correlationId: 'c1' })).map((e) => e.msg)).toEqual(['a', 'c']);
    expect((await reader.query({ service: 'smoke' })).map((e) => e.msg)).toEqual(['a']);
    const [error] = await reader.query({ minLevel: 'warn' });
    expect(error).toMatchObject({ msg: 'b', level: 'error', service: 'api', correlationId: 'c2', time: '2026-01-01T00:00:00.000Z' });
    expect(JSON.stringify(error)).not.toContain('hunter22');
    expect((await reader.query({ limit: 1 })).map((e) => e.msg)).toEqual(['c']);
    await reader.dispose();
  });

  it('is empty without a log file', async () => {
    const reader = new LogReader({ dir: join(dir, 'none'), clock: new FakeClock() });
    expect(await reader.query()).toEqual([]);
    await reader.dispose();
  });

  it('follows appended lines while someone listens, across a rotation, with growing seq', async () => {
    await writeFile(file, line({ msg: 'before' }));
    const clock = new FakeClock();
    const reader = new LogReader({ dir, clock, pollMs: 100 });
    const seen: LogEntry[] = [];
    const subscription = reader.onEntries((entries) => seen.push(...entries));
    await clock.advance(100); // notes where the file ends
    await appendFile(file, line({ msg: 'one' }) + line({ msg: 'two' }));
    await expect.poll(async () => (await clock.advance(100), seen.map((e) => e.msg))).toEqual(['one', 'two']);
    await rename(file, `${file}.1`);
    await writeFile(file, line({ msg: 'three' }));
    await expect.poll(async () => (await clock.advance(100), seen.map((e) => e.msg))).toEqual(['one', 'two', 'three']);
    const seqs = seen.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    subscription.dispose();
    await appendFile(file, line({ msg: 'unseen' }));
    await clock.advance(500);
    expect(seen).toHaveLength(3);
    await reader.dispose();
  });
});
