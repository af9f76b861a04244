import { describe, expect, it } from 'vitest';
import { DisposableStore, toDisposable } from '../../../../src/shared/lifecycle/disposable.ts';
import { Emitter } from '../../../../src/shared/lifecycle/emitter.ts';
import { FakeClock } from '../../support/fake-clock.ts';

describe('toDisposable', () => {
  it('runs its release once however often it is disposed', () => {
    let runs = 0;
    const d = toDisposable(() => void runs++);
    d.dispose();
    d.dispose();
    expect(runs).toBe(1);
  });
});

describe('DisposableStore', () => {
  it('disposes in reverse order of addition, awaiting async ones', async () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.defer(() => void order.push('first'));
    store.add({
      dispose: async () => {
        await Promise.resolve();
        order.push('second');
      },
    });
    store.defer(() => void order.push('third'));
    await store.dispose();
    expect(order).toEqual(['third', 'second', 'first']);
    expect(store.isDisposed).toBe(true);
  });

  it('keeps releasing after a failure and reports every failure at the end', async () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.defer(() => void order.push('a'));
    store.defer(() => {
      throw new Error('b failed');
    });
    store.defer(() => {
      throw new Error('c failed');
    });
    await expect(store.dispose()).rejects.toThrow(AggregateError);
    expect(order).toEqual(['a']);
  });

  it('disposes what is added after it was disposed, at once', async () => {
    const store = new DisposableStore();
    await store.dispose();
    let released = false;
    store.defer(() => void (released = true));
    await Promise.resolve();
    expect(released).toBe(true);
  });
});

describe('Emitter', () => {
  it('delivers to listeners until their subscription is disposed', () => {
    const emitter = new Emitter<number>();
    const seen: number[] = [];
    const sub = emitter.on((n) => seen.push(n));
    emitter.emit(1);
    sub.dispose();
    emitter.emit(2);
    expect(seen).toEqual([1]);
    expect(emitter.listenerCount).toBe(0);
  });

  it('a throwing listener is reported and does not stop the others', () => {
    const errors: unknown[] = [];
    const emitter = new Emitter<string>((error) => errors.push(error));
    const seen: string[] = [];
    emitter.on(() => {
      throw new Error('boom');
    });
    emitter.on((s) => seen.push(s));
    emitter.emit('x');
    expect(seen).toEqual(['x']);
    expect(errors).toHaveLength(1);
  });

  it('the same function subscribed twice is two subscriptions', () => {
    const emitter = new Emitter<void>();
    let calls = 0;
    const listener = (): void => void calls++;
    const a = emitter.on(listener);
    emitter.on(listener);
    a.dispose();
    emitter.emit();
    expect(calls).toBe(1);
  });

  it('dispose removes every listener', () => {
    const emitter = new Emitter<number>();
    emitter.on(() => undefined);
    emitter.event(() => undefined);
    emitter.dispose();
    expect(emitter.listenerCount).toBe(0);
  });
});

describe('FakeClock', () => {
  it('runs timers in due order as time advances, with now() at each due time', async () => {
    const clock = new FakeClock();
    const seen: Array<[string, number]> = [];
    clock.setTimeout(() => seen.push(['b', clock.now()]), 200);
    clock.setTimeout(() => seen.push(['a', clock.now()]), 100);
    const cancelled = clock.setTimeout(() => seen.push(['never', clock.now()]), 150);
    cancelled.dispose();
    await clock.advance(150);
    expect(seen).toEqual([['a', 100]]);
    await clock.advance(100);
    expect(seen).toEqual([
      ['a', 100],
      ['b', 200],
    ]);
    expect(clock.now()).toBe(250);
    expect(clock.pending).toBe(0);
  });

  it('sleep resolves when time reaches it, and rejects when aborted first', async () => {
    const clock = new FakeClock();
    let woke = false;
    const sleeping = clock.sleep(1000).then(() => (woke = true));
    await clock.advance(999);
    expect(woke).toBe(false);
    await clock.advance(1);
    await sleeping;
    expect(woke).toBe(true);

    const controller = new AbortController();
    const aborted = clock.sleep(1000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    expect(clock.pending).toBe(0);
  });

  it('timers scheduled by a timer within the span run in the same advance', async () => {
    const clock = new FakeClock();
    const at: number[] = [];
    const tick = (): void => {
      at.push(clock.now());
      if (at.length < 3) clock.setTimeout(tick, 10);
    };
    clock.setTimeout(tick, 10);
    await clock.advance(100);
    expect(at).toEqual([10, 20, 30]);
  });
});
