import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { subscribeToEngineEvents } from '../../../../src/main/adapters/docker/engine-event-stream.ts';
import type { EngineStreamMessage } from '../../../../src/main/core/ports/index.ts';
import { FakeClock } from '../../support/fake-clock.ts';

/** An engine whose event endpoint is scripted: each open takes the next answer (a stream, an error, or never). */
function scriptedEngine() {
  const answers: Array<PassThrough | Error | 'never'> = [];
  let opens = 0;
  const signals: AbortSignal[] = [];
  const open = (signal: AbortSignal): Promise<PassThrough> => {
    opens += 1;
    signals.push(signal);
    const answer = answers.shift() ?? new Error('ECONNREFUSED');
    if (answer === 'never') return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return { answers, open, opens: () => opens, signals };
}

const line = (action: string, id = 'c1', labels: Record<string, string> = { 'stack-doctor.test': 'x' }): string =>
  `${JSON.stringify({ Type: 'container', Action: action, Actor: { ID: id, Attributes: labels }, time: 1 })}\n`;

/** Stream events fire on later ticks, which the fake clock's microtask flush does not reach. */
async function streamTick(clock: FakeClock): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await clock.advance(0);
}

function collect() {
  const messages: EngineStreamMessage[] = [];
  const states = (): string[] =>
    messages.flatMap((m) =>
      m.type === 'stream' ? [m.state === 'lost' ? `lost#${m.attempt}+${m.retryInMs}` : `connected${m.afterGap ? '(gap)' : ''}`] : [],
    );
  return { messages, states, listener: (m: EngineStreamMessage) => messages.push(m) };
}

describe('subscribeToEngineEvents', () => {
  it('waits for an engine that is not up yet with exponential backoff, then connects and reconciles', async () => {
    const clock = new FakeClock();
    const engine = scriptedEngine();
    const seen = collect();
    const reconciles: string[] = [];
    const stream = new PassThrough();
    engine.answers.push(new Error('ENOENT'), new Error('ENOENT'), new Error('ENOENT'), stream);
    const subscription = subscribeToEngineEvents(engine.open, clock, seen.listener, {
      backoff: { initialDelayMs: 100, maxDelayMs: 1000, jitter: false },
      reconcile: (reason) => void reconciles.push(reason),
    });
    await clock.advance(0);
    expect(seen.states()).toEqual(['lost#1+100']);
    await clock.advance(99);
    expect(engine.opens()).toBe(1);
    await clock.advance(1);
    expect(engine.opens()).toBe(2);
    await clock.advance(200);
    expect(seen.states()).toEqual(['lost#1+100', 'lost#2+200', 'lost#3+400']);
    await clock.advance(400);
    expect(seen.states()).toEqual(['lost#1+100', 'lost#2+200', 'lost#3+400', 'connected(gap)']);
    expect(reconciles).toEqual(['gap']);
    await subscription.dispose();
  });

  it('delivers typed events across chunk boundaries, filtered by label, and skips garbage', async () => {
    const clock = new FakeClock();
    const engine = scriptedEngine();
    const seen = collect();
    const reconciles: string[] = [];
    const stream = new PassThrough();
    engine.answers.push(stream);
    const subscription = subscribeToEngineEvents(engine.open, clock, seen.listener, {
      labels: ['stack-doctor.test=x'],
      reconcile: (reason) => void reconciles.push(reason),
    });
    await clock.advance(0);
    const die = line('die');
    stream.write(die.slice(0, 10));
    stream.write(die.slice(10) + 'garbage\n' + line('start', 'other', {}) + line('health_status: unhealthy'));
    await streamTick(clock);
    expect(seen.states()).toEqual(['connected']);
    expect(reconciles).toEqual(['initial']);
    expect(
      seen.messages.filter((m) => m.type === 'container').map((m) => (m.type === 'container' ? `${m.action}:${m.containerId}` : '')),
    ).toEqual(['die:c1', 'health_status:c1']);
    await subscription.dispose();
  });

  it('on loss reports it, retries from the initial delay, and reconciles after the gap; dispose leaves nothing pending', async () => {
    const clock = new FakeClock();
    const engine = scriptedEngine();
    const seen = collect();
    const reconciles: string[] = [];
    const first = new PassThrough();
    const second = new PassThrough();
    engine.answers.push(first, new Error('ECONNREFUSED'), second);
    const subscription = subscribeToEngineEvents(engine.open, clock, seen.listener, {
      backoff: { initialDelayMs: 50, jitter: false },
      reconcile: (reason) => void reconciles.push(reason),
    });
    await clock.advance(0);
    first.end();
    await streamTick(clock);
    expect(seen.states()).toEqual(['connected', 'lost#1+50']);
    await clock.advance(50);
    await clock.advance(100);
    expect(seen.states()).toEqual(['connected', 'lost#1+50', 'lost#2+100', 'connected(gap)']);
    expect(reconciles).toEqual(['initial', 'gap']);
    second.write(line('start'));
    await streamTick(clock);
    expect(seen.messages.at(-1)).toMatchObject({ type: 'container', action: 'start' });

    await subscription.dispose();
    expect(second.destroyed).toBe(true);
    expect(engine.signals.at(-1)?.aborted).toBe(true);
    expect(clock.pending).toBe(0);
    const count = seen.messages.length;
    second.write(line('die'));
    await streamTick(clock);
    await clock.advance(10_000);
    expect(seen.messages).toHaveLength(count);
    expect(engine.opens()).toBe(3);
  });

  it('counts an engine that never answers the subscription as lost after the connect timeout, and caps the delay', async () => {
    const clock = new FakeClock();
    const engine = scriptedEngine();
    const seen = collect();
    engine.answers.push('never', new Error('x'), new Error('x'), new Error('x'));
    const subscription = subscribeToEngineEvents(engine.open, clock, seen.listener, {
      connectTimeoutMs: 1000,
      backoff: { initialDelayMs: 100, maxDelayMs: 300, jitter: false },
    });
    await clock.advance(999);
    expect(seen.states()).toEqual([]);
    await clock.advance(1);
    expect(engine.signals[0]?.aborted).toBe(true);
    expect(seen.messages[0]).toMatchObject({ state: 'lost', reason: 'no answer within 1000 ms' });
    await clock.advance(100 + 200 + 300);
    expect(seen.states()).toEqual(['lost#1+100', 'lost#2+200', 'lost#3+300', 'lost#4+300']);
    await subscription.dispose();
    expect(clock.pending).toBe(0);
  });

  it('jitters by default, within the cap', async () => {
    const clock = new FakeClock();
    const engine = scriptedEngine();
    const seen = collect();
    const subscription = subscribeToEngineEvents(engine.open, clock, seen.listener, { backoff: { initialDelayMs: 100, maxDelayMs: 2000 } });
    await clock.advance(60_000);
    const delays = seen.messages.flatMap((m) => (m.type === 'stream' && m.state === 'lost' ? [m.retryInMs] : []));
    expect(delays.length).toBeGreaterThan(20);
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(2000);
    expect(new Set(delays).size).toBeGreaterThan(3);
    await subscription.dispose();
  });
});
