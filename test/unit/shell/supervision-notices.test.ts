import { afterEach, describe, expect, it } from 'vitest';
import { createNoticeFeed, noticeFor, type DesktopNotice, type NoticeFeed } from '../../../src/main/shell/supervision-notices.ts';
import type { RecoveryNotification, SupervisionEvent } from '../../../src/shared/model/index.ts';
import { FakeClock } from '../support/fake-clock.ts';

const notification = (service: string, kind: RecoveryNotification['kind'], message = `${service} ${kind}`): SupervisionEvent => ({
  type: 'notification',
  service,
  kind,
  message,
  suppressed: 0,
  at: '2026-01-01T00:00:00.000Z',
});

let feed: NoticeFeed | undefined;
afterEach(() => feed?.dispose());

function setup(windowMs = 60_000) {
  const clock = new FakeClock();
  const shown: DesktopNotice[] = [];
  feed = createNoticeFeed({ clock, windowMs, show: (notice) => shown.push(notice) });
  return { clock, shown, feed };
}

describe('desktop notices', () => {
  it('titles say what needs the human, per kind', () => {
    expect(noticeFor({ ...(notification('api', 'given-up') as RecoveryNotification), message: 'failed 5 times' })).toEqual({
      service: 'api',
      kind: 'given-up',
      title: 'api keeps failing: Stack Doctor gave up',
      body: 'failed 5 times',
    });
    expect(noticeFor(notification('db', 'awaiting-manual') as RecoveryNotification).title).toBe('db needs your approval to recover');
    expect(noticeFor(notification('db', 'recovered-after-failure') as RecoveryNotification).title).toBe('db recovered');
  });

  it('shows the first notice of a service at once and ignores every other supervision event', () => {
    const { shown, feed } = setup();
    feed.push({ type: 'supervision', state: 'paused', at: '2026-01-01T00:00:00.000Z' });
    feed.push({ type: 'heartbeat', service: 'api', status: 'healthy', ageMs: 10, at: '2026-01-01T00:00:00.000Z' });
    expect(shown).toEqual([]);
    feed.push(notification('api', 'given-up'));
    expect(shown.map((n) => n.title)).toEqual(['api keeps failing: Stack Doctor gave up']);
  });

  it('a flapping service shows one notice per window: the latest of a burst, saying how many it folds', async () => {
    const { clock, shown, feed } = setup(60_000);
    feed.push(notification('api', 'recovered-after-failure', 'back #1'));
    for (let i = 2; i <= 30; i++) {
      await clock.advance(1_000);
      feed.push(notification('api', i % 2 === 0 ? 'given-up' : 'recovered-after-failure', `back #${i}`));
    }
    expect(shown).toHaveLength(1);
    await clock.advance(31_000);
    expect(shown).toHaveLength(2);
    expect(shown[1]).toMatchObject({ kind: 'given-up', body: 'back #30 (28 similar notifications folded into this one)' });
    // The window re-opened when the folded one went out; a quiet window then closes with nothing to show.
    await clock.advance(60_000);
    expect(shown).toHaveLength(2);
    feed.push(notification('api', 'given-up', 'again'));
    expect(shown.at(-1)).toMatchObject({ body: 'again' });
  });

  it('debounces per service: another service is not held back by a flapping one', async () => {
    const { clock, shown, feed } = setup(60_000);
    feed.push(notification('api', 'given-up'));
    feed.push(notification('api', 'given-up'));
    await clock.advance(5_000);
    feed.push(notification('db', 'awaiting-manual'));
    expect(shown.map((n) => n.service)).toEqual(['api', 'db']);
  });

  it('disposing drops what is folded and leaves no timer', async () => {
    const { clock, shown, feed } = setup(60_000);
    feed.push(notification('api', 'given-up'));
    feed.push(notification('api', 'given-up'));
    feed.dispose();
    expect(clock.pending).toBe(0);
    await clock.advance(120_000);
    expect(shown).toHaveLength(1);
  });
});
