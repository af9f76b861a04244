import { describe, expect, it } from 'vitest';
import {
  TokenStreamBuffer,
  type FrameScheduler,
  type PieceCounts,
  type PieceRun,
  type StreamSink,
} from '../../../../src/renderer/src/features/chat/token-stream-buffer.ts';

/** Frames run only when the test says so. */
function manualFrames(): FrameScheduler & { pending(): number; run(): void } {
  const callbacks = new Map<number, () => void>();
  let next = 1;
  return {
    request(callback) {
      callbacks.set(next, callback);
      return next++;
    },
    cancel(handle) {
      callbacks.delete(handle);
    },
    pending: () => callbacks.size,
    run() {
      const due = [...callbacks.values()];
      callbacks.clear();
      for (const callback of due) callback();
    },
  };
}

function recordingSink(): StreamSink & { writes: PieceRun[][]; text(): string; last: PieceCounts | null; resets: number } {
  const sink = {
    writes: [] as PieceRun[][],
    last: null as PieceCounts | null,
    resets: 0,
    reset() {
      sink.resets += 1;
      sink.writes = [];
    },
    write(runs: PieceRun[]) {
      sink.writes.push(runs);
    },
    counts(counts: PieceCounts) {
      sink.last = counts;
    },
    text: () =>
      sink.writes
        .flat()
        .map((run) => run.text)
        .join(''),
  };
  return sink;
}

describe('TokenStreamBuffer', () => {
  it('draws 10,000 tokens pushed between two frames in one write of one joined run', () => {
    const frames = manualFrames();
    const buffer = new TokenStreamBuffer(frames);
    const sink = recordingSink();
    buffer.attach(1, sink);
    const expected: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const token = i === 0 ? 'tok1' : ` tok${i + 1}`;
      expected.push(token);
      buffer.push(1, 'assistant', token);
    }
    expect(sink.writes).toHaveLength(0); // nothing drawn outside a frame
    expect(frames.pending()).toBe(1); // one frame requested, not 10,000
    frames.run();
    expect(sink.writes).toHaveLength(1);
    expect(sink.writes[0]).toEqual([{ kind: 'assistant', text: expected.join('') }]);
    expect(sink.last).toMatchObject({ assistant: 10_000 });
  });

  it('writes only what is new per frame, splits runs by kind, and keeps each raw frame its own run', () => {
    const frames = manualFrames();
    const buffer = new TokenStreamBuffer(frames);
    const sink = recordingSink();
    buffer.attach(7, sink);
    buffer.push(7, 'manager', 'Routing…');
    buffer.push(7, 'assistant', 'a');
    buffer.push(7, 'assistant', 'b');
    frames.run();
    buffer.push(7, 'out', '{"type":"chat"}');
    buffer.push(7, 'in', '{"type":"status"}');
    buffer.push(7, 'in', '{"type":"complete"}');
    frames.run();
    expect(sink.writes).toEqual([
      [
        { kind: 'manager', text: 'Routing…' },
        { kind: 'assistant', text: 'ab' },
      ],
      [
        { kind: 'out', text: '{"type":"chat"}' },
        { kind: 'in', text: '{"type":"status"}' },
        { kind: 'in', text: '{"type":"complete"}' },
      ],
    ]);
    expect(buffer.counts(7)).toEqual({ assistant: 2, manager: 1, in: 2, out: 1 });
    frames.run();
    expect(sink.writes).toHaveLength(2); // an idle frame draws nothing
  });

  it('keeps tokens that arrive before the card mounts and draws them all on attach', () => {
    const frames = manualFrames();
    const buffer = new TokenStreamBuffer(frames);
    buffer.push(3, 'assistant', 'early ');
    expect(frames.pending()).toBe(0); // no sink yet: nothing to schedule
    const sink = recordingSink();
    buffer.attach(3, sink);
    buffer.push(3, 'assistant', 'late');
    frames.run();
    expect(sink.text()).toBe('early late');

    // A second sink for the same exchange (a remount) gets everything again, from a reset.
    const again = recordingSink();
    buffer.attach(3, again);
    frames.run();
    expect(again.resets).toBe(1);
    expect(again.text()).toBe('early late');
    expect(sink.writes).toHaveLength(1); // the replaced sink is no longer written
  });

  it('clear drops every stream and the pending frame: nothing is drawn or counted afterwards', () => {
    const frames = manualFrames();
    const buffer = new TokenStreamBuffer(frames);
    const sink = recordingSink();
    const detach = buffer.attach(1, sink);
    buffer.push(1, 'assistant', 'x');
    buffer.clear();
    expect(frames.pending()).toBe(0);
    expect(buffer.counts(1)).toEqual({ assistant: 0, manager: 0, in: 0, out: 0 });
    frames.run();
    expect(sink.writes).toHaveLength(0);
    detach.dispose(); // detaching after a clear is harmless
  });

  it('detach stops drawing but keeps the pieces', () => {
    const frames = manualFrames();
    const buffer = new TokenStreamBuffer(frames);
    const sink = recordingSink();
    const detach = buffer.attach(1, sink);
    detach.dispose();
    buffer.push(1, 'assistant', 'x');
    frames.run();
    expect(sink.writes).toHaveLength(0);
    expect(buffer.counts(1).assistant).toBe(1);
  });
});
