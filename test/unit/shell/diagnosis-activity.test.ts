import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../../src/shared/contract/index.ts';
import { trackDiagnosisActivity } from '../../../src/main/shell/diagnosis-activity.ts';

function deferred() {
  let resolve!: (result: Result<unknown>) => void;
  const promise = new Promise<Result<unknown>>((r) => (resolve = r));
  return { promise, resolve };
}

describe('trackDiagnosisActivity', () => {
  it('is checking while runs are in flight, including failed ones, and reports each flip once', async () => {
    const pending = [deferred(), deferred()];
    let next = 0;
    const activity = trackDiagnosisActivity(() => pending[next++]!.promise);
    const flips: boolean[] = [];
    activity.onChange((checking) => flips.push(checking));

    const first = activity.dispatch('diagnosis:run', {});
    const second = activity.dispatch('diagnosis:run', {});
    expect(activity.checking()).toBe(true);
    pending[0]!.resolve(fail('INTERNAL', 'no workspace'));
    await first;
    expect(activity.checking()).toBe(true);
    pending[1]!.resolve(ok(1));
    await second;
    expect(activity.checking()).toBe(false);
    expect(flips).toEqual([true, false]);
  });

  it('passes other channels straight through without counting', async () => {
    const activity = trackDiagnosisActivity(async (channel) => ok(channel));
    await expect(activity.dispatch('settings:get', {})).resolves.toEqual({ ok: true, value: 'settings:get' });
    expect(activity.checking()).toBe(false);
  });
});
