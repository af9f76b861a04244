import { toDisposable, type SyncDisposable } from '../../../../shared/lifecycle/disposable.ts';

/** What a streamed piece is: an answer token, a manager token, or a raw frame sent/received. */
export type PieceKind = 'assistant' | 'manager' | 'in' | 'out';

/** Consecutive pieces of one kind, joined: what one flush hands a sink. */
export interface PieceRun {
  kind: PieceKind;
  text: string;
}

/** Per-kind counts of one exchange's pieces. */
export type PieceCounts = Record<PieceKind, number>;

/** Where an exchange's pieces are drawn (the DOM in the app, a recorder in tests). */
export interface StreamSink {
  /** Empties what was drawn: the buffer redraws everything after it. */
  reset(): void;
  /** Appends the runs, oldest first. */
  write(runs: PieceRun[]): void;
  counts(counts: PieceCounts): void;
}

/** `requestAnimationFrame`/`cancelAnimationFrame`, injected so tests drive frames by hand. */
export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

interface Stream {
  kinds: PieceKind[];
  texts: string[];
  /** Pieces [0, flushed) are drawn in `sink`. */
  flushed: number;
  counts: PieceCounts;
  sink: StreamSink | null;
}

const zeroCounts = (): PieceCounts => ({ assistant: 0, manager: 0, in: 0, out: 0 });

/**
 * Tokens live here, not in React state: `push` is O(1) and draws nothing; at most once per animation
 * frame every stream with new pieces hands its sink the joined runs. 10,000 tokens therefore cost a few
 * hundred DOM appends instead of 10,000 renders, and the page stays responsive while they arrive.
 * `clear` drops every stream and its sink, so nothing keeps a cleared session's text alive.
 */
export class TokenStreamBuffer {
  private readonly streams = new Map<number, Stream>();
  private frame: number | null = null;

  constructor(private readonly scheduler: FrameScheduler) {}

  push(key: number, kind: PieceKind, text: string): void {
    const stream = this.stream(key);
    stream.kinds.push(kind);
    stream.texts.push(text);
    stream.counts[kind] += 1;
    if (stream.sink) this.schedule();
  }

  /** Counts so far, flushed or not. */
  counts(key: number): PieceCounts {
    return { ...(this.streams.get(key)?.counts ?? zeroCounts()) };
  }

  /**
   * Draws the exchange's pieces into `sink` from the start, then keeps it current; disposing the result detaches
   * it. A new sink for the same key replaces the old one.
   */
  attach(key: number, sink: StreamSink): SyncDisposable {
    const stream = this.stream(key);
    stream.sink = sink;
    stream.flushed = 0;
    sink.reset();
    sink.counts({ ...stream.counts });
    if (stream.texts.length > 0) this.schedule();
    return toDisposable(() => {
      if (stream.sink === sink) stream.sink = null;
    });
  }

  /** Forgets every exchange and cancels a pending frame. */
  clear(): void {
    this.streams.clear();
    if (this.frame !== null) this.scheduler.cancel(this.frame);
    this.frame = null;
  }

  /** Draws what is pending now (the frame callback; tests call it directly). */
  flush(): void {
    this.frame = null;
    for (const stream of this.streams.values()) {
      if (!stream.sink || stream.flushed === stream.texts.length) continue;
      stream.sink.write(runsOf(stream, stream.flushed));
      stream.flushed = stream.texts.length;
      stream.sink.counts({ ...stream.counts });
    }
  }

  private schedule(): void {
    if (this.frame === null) this.frame = this.scheduler.request(() => this.flush());
  }

  private stream(key: number): Stream {
    let stream = this.streams.get(key);
    if (!stream) {
      stream = { kinds: [], texts: [], flushed: 0, counts: zeroCounts(), sink: null };
      this.streams.set(key, stream);
    }
    return stream;
  }
}

function runsOf(stream: Stream, from: number): PieceRun[] {
  const runs: PieceRun[] = [];
  let kind = stream.kinds[from]!;
  let parts: string[] = [];
  for (let i = from; i < stream.texts.length; i++) {
    const next = stream.kinds[i]!;
    // Frames stay one run each: a WebSocket test client shows one frame per line.
    if (i > from && (next !== kind || isFrame(next))) {
      runs.push({ kind, text: parts.join('') });
      kind = next;
      parts = [];
    }
    parts.push(stream.texts[i]!);
  }
  runs.push({ kind, text: parts.join('') });
  return runs;
}

const isFrame = (kind: PieceKind): boolean => kind === 'in' || kind === 'out';
