import { describe, expect, it } from 'vitest';
import { InFlightRequest } from '../../../../src/main/adapters/docker/in-flight-request.ts';

/** A request whose answer the test gives by hand; records each start and the signal it got. */
function manual() {
  const started: Array<{ signal: AbortSignal; answer: (value: number) => void; fail: (error: Error) => void }> = [];
  const request = new InFlightRequest<number>(
    (signal) =>
      new Promise<number>((answer, fail) => {
        started.push({ signal, answer, fail });
      }),
  );
  return { request, started };
}

describe('InFlightRequest', () => {
  it('gives the callers that ask while a request is in flight its answer, and starts a new one afterwards', async () => {
    const { request, started } = manual();
    const first = request.get(new AbortController().signal);
    const second = request.get(new AbortController().signal);
    expect(started).toHaveLength(1);
    started[0]?.answer(7);
    expect(await Promise.all([first, second])).toEqual([7, 7]);
    const third = request.get(new AbortController().signal);
    expect(started).toHaveLength(2);
    started[1]?.answer(8);
    expect(await third).toBe(8);
  });

  it('shares a failure as well', async () => {
    const { request, started } = manual();
    const both = Promise.allSettled([request.get(new AbortController().signal), request.get(new AbortController().signal)]);
    started[0]?.fail(new Error('engine said no'));
    expect((await both).map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
  });

  it("one caller giving up neither aborts the request nor the other caller's answer; the last one aborts it", async () => {
    const { request, started } = manual();
    const impatient = new AbortController();
    const patient = new AbortController();
    const gaveUp = request.get(impatient.signal);
    const waits = request.get(patient.signal);
    impatient.abort(new Error('deadline'));
    await expect(gaveUp).rejects.toThrow('deadline');
    expect(started[0]?.signal.aborted).toBe(false);
    started[0]?.answer(3);
    expect(await waits).toBe(3);

    const alone = new AbortController();
    const lone = request.get(alone.signal);
    alone.abort(new Error('closed'));
    await expect(lone).rejects.toThrow('closed');
    expect(started[1]?.signal.aborted).toBe(true);
    // The aborted request is not shared with whoever asks next.
    void request.get(new AbortController().signal);
    expect(started).toHaveLength(3);
  });
});
