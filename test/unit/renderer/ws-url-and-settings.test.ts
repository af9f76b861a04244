import { describe, expect, it } from 'vitest';
import { wsUrlFromLocation } from '../../../src/renderer/src/api/ws-url.ts';
import { draftFromSettings, patchFromDraft } from '../../../src/renderer/src/features/settings/settings-form.ts';

describe('wsUrlFromLocation', () => {
  it('uses the page origin, /ws and the token from the query', () => {
    expect(wsUrlFromLocation({ protocol: 'http:', host: '127.0.0.1:4321', search: '?token=a%2Bb&x=1' })).toBe(
      'ws://127.0.0.1:4321/ws?token=a%2Bb',
    );
    expect(wsUrlFromLocation({ protocol: 'https:', host: 'box:443', search: '?token=t' })).toBe('wss://box:443/ws?token=t');
  });
  it('leaves the token out when the page has none (the cookie authenticates)', () => {
    expect(wsUrlFromLocation({ protocol: 'http:', host: 'localhost:1', search: '' })).toBe('ws://localhost:1/ws');
  });
});

describe('settings form', () => {
  const settings = {
    workspaces: ['/a', '/b'],
    refreshIntervalSec: 30,
    probeTimeoutMs: 1500,
    orchestratorUrl: null,
    chatBreakerFailures: 5,
    chatBreakerHalfOpenSec: 10,
  };

  it('round-trips settings through the draft', () => {
    const draft = draftFromSettings(settings);
    expect(draft).toEqual({
      refreshIntervalSec: '30',
      probeTimeoutMs: '1500',
      orchestratorUrl: '',
      chatBreakerFailures: '5',
      chatBreakerHalfOpenSec: '10',
      workspaces: '/a\n/b',
    });
    expect(patchFromDraft(draft)).toEqual({ ok: true, patch: settings });
  });

  it('trims, drops empty workspace lines and keeps a URL override', () => {
    const patch = patchFromDraft({
      refreshIntervalSec: ' 10 ',
      probeTimeoutMs: '500',
      orchestratorUrl: ' http://localhost:8006 ',
      chatBreakerFailures: '3',
      chatBreakerHalfOpenSec: ' 20',
      workspaces: '\n /x \n\n',
    });
    expect(patch).toEqual({
      ok: true,
      patch: {
        refreshIntervalSec: 10,
        probeTimeoutMs: 500,
        orchestratorUrl: 'http://localhost:8006',
        chatBreakerFailures: 3,
        chatBreakerHalfOpenSec: 20,
        workspaces: ['/x'],
      },
    });
  });

  it('rejects non-integers before calling main', () => {
    expect(patchFromDraft({ ...draftFromSettings(settings), refreshIntervalSec: 'ten' })).toMatchObject({ ok: false });
    expect(patchFromDraft({ ...draftFromSettings(settings), probeTimeoutMs: '1.5' })).toMatchObject({ ok: false });
    expect(patchFromDraft({ ...draftFromSettings(settings), chatBreakerFailures: 'many' })).toMatchObject({ ok: false });
  });
});
