import { describe, expect, it } from 'vitest';
import { stackConfigSchema } from '../../../../src/shared/model/index.ts';
import { applyJourney, listJourneys } from '../../../../src/main/core/chat/journeys.ts';

const chat = stackConfigSchema.parse({
  chat: {
    journeys: {
      admin: { template: '[admin] {message}', description: 'Admin chat' },
      customer: { template: 'As a customer: {message} ({message})' },
    },
  },
}).chat;

describe('journeys', () => {
  it('applies the template, every {message}, literally', () => {
    expect(applyJourney(chat, 'admin', 'reset $& the cache')).toEqual({ ok: true, text: '[admin] reset $& the cache', journey: 'admin' });
    expect(applyJourney(chat, 'customer', 'hi')).toMatchObject({ text: 'As a customer: hi (hi)' });
  });

  it('sends the message as typed without a journey', () => {
    expect(applyJourney(chat, undefined, 'hi')).toEqual({ ok: true, text: 'hi' });
    expect(applyJourney(undefined, '', 'hi')).toEqual({ ok: true, text: 'hi' });
  });

  it('rejects an unknown journey and lists the known ones', () => {
    expect(applyJourney(chat, 'super', 'hi')).toEqual({ ok: false, reason: 'unknown journey "super": the stack defines admin, customer' });
    expect(applyJourney(undefined, 'toString', 'hi')).toMatchObject({ ok: false });
  });

  it('lists the presets sorted', () => {
    expect(listJourneys(chat).map((j) => j.name)).toEqual(['admin', 'customer']);
    expect(listJourneys(undefined)).toEqual([]);
  });

  it('the config schema requires {message} in a template and stays strict', () => {
    expect(stackConfigSchema.safeParse({ chat: { journeys: { a: { template: 'fixed' } } } }).success).toBe(false);
    expect(stackConfigSchema.safeParse({ chat: { paths: { ws: '/ws/{client_id}/{session_id}' }, timeoutMs: 5000 } }).success).toBe(true);
    expect(stackConfigSchema.safeParse({ chat: { bogus: 1 } }).success).toBe(false);
  });
});
