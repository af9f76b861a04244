import { describe, expect, it } from 'vitest';
import { draftProblem, journeyPreview, listenMs, type ComposerDraft } from '../../../../src/renderer/src/features/chat/composer-draft.ts';

const draft = (over: Partial<ComposerDraft>): ComposerDraft => ({
  message: 'hi',
  transport: 'ws',
  pin: '',
  journey: '',
  listenSec: '5',
  ...over,
});

describe('draftProblem', () => {
  it('accepts a message with or without a pinned http(s)/ws(s) target', () => {
    expect(draftProblem(draft({}))).toBeNull();
    expect(draftProblem(draft({ pin: ' http://localhost:8006 ' }))).toBeNull();
    expect(draftProblem(draft({ pin: 'ws://127.0.0.1:9/x', transport: 'http' }))).toBeNull();
  });

  it('refuses an empty message, or a pin that is not a usable URL', () => {
    expect(draftProblem(draft({ message: '  ' }))).toMatch(/message/);
    expect(draftProblem(draft({ pin: 'localhost:8006' }))).toMatch(/pinned target/);
    expect(draftProblem(draft({ pin: 'ftp://host/' }))).toMatch(/pinned target/);
  });

  it('raw mode needs a ws/http URL and allows an empty body', () => {
    expect(draftProblem(draft({ transport: 'raw', message: '' }))).toMatch(/Raw mode/);
    expect(draftProblem(draft({ transport: 'raw', message: '', pin: 'http://127.0.0.1:8006/health' }))).toBeNull();
    expect(draftProblem(draft({ transport: 'raw', pin: 'mailto:x@y' }))).toMatch(/Raw mode/);
  });

  it('raw mode listens a whole number of seconds within bounds', () => {
    const raw = (listenSec: string) => draft({ transport: 'raw', pin: 'ws://127.0.0.1:8006/chat/ws/a/b', listenSec });
    expect(listenMs(raw('2'))).toBe(2000);
    expect(draftProblem(raw('2'))).toBeNull();
    for (const bad of ['0', '601', '1.5', '', 'x']) {
      expect(listenMs(raw(bad))).toBeNull();
      expect(draftProblem(raw(bad))).toMatch(/Listen/);
    }
  });
});

describe('journeyPreview', () => {
  const journeys = [{ name: 'admin', template: '[admin] {message} ({message})' }];
  it('fills every {message} like main does, literally (no $-patterns)', () => {
    expect(journeyPreview(journeys, 'admin', 'costs $& now')).toBe('[admin] costs $& now (costs $& now)');
    expect(journeyPreview(journeys, 'nope', 'x')).toBeNull();
  });
});
