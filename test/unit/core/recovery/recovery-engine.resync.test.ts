import { describe, expect, it } from 'vitest';
import type { SyncDisposable } from '../../../../src/shared/lifecycle/disposable.ts';
import { harness } from './support/engine-harness.ts';
import { SettlingClock } from './support/settling-clock.ts';

/** A clock that loses the first timer of a given delay (it is never called back), as a lost wake-up would be. */
class LosingClock extends SettlingClock {
  lost = 0;
  constructor(private readonly loseDelayMs: number) {
    super();
  }
  override setTimeout(callback: () => void, ms: number): SyncDisposable {
    if (ms === this.loseDelayMs && this.lost === 0) {
      this.lost++;
      return { dispose: () => undefined };
    }
    return super.setTimeout(callback, ms);
  }
}

describe('RecoveryEngine: resync', () => {
  it('a service whose stability wake-up was lost still turns healthy, within the resync period after the window', async () => {
    const clock = new LosingClock(10_000);
    const h = harness([{ name: 'web' }], {}, clock);
    h.stack.boot('web');
    expect(h.state('web')).toBe('starting');
    expect(clock.lost).toBe(1);

    await clock.advance(9_999);
    expect(h.state('web')).toBe('starting');
    // The stability window ends at 10 s and its wake-up is gone: the next resync (every 5 s) sees it.
    await clock.advance(5_001);
    expect(h.state('web')).toBe('healthy');
    expect(h.states('web')).toEqual(['healthy']);
    await h.engine.dispose();
    expect(clock.pending).toBe(0);
  });
});
