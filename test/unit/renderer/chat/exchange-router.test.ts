import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../../src/shared/model/index.ts';
import { ExchangeRouter } from '../../../../src/renderer/src/features/chat/exchange-router.ts';

const target = (id: string): ChatEvent => ({ type: 'target', correlationId: id, url: 'u', decision: 'pinned', reason: 'r', pinned: true });
const token = (id: string): ChatEvent => ({ type: 'token', correlationId: id, role: 'assistant', content: 'x' });
const error = (id: string): ChatEvent => ({
  type: 'error',
  correlationId: id,
  error: { class: 'CIRCUIT_OPEN', explanation: 'e', hint: 'h', correlationId: id },
});

describe('ExchangeRouter', () => {
  it('binds the oldest waiting send of the same transport on its first event, then follows the id', () => {
    const router = new ExchangeRouter();
    router.expect(1, 'ws');
    router.expect(2, 'http');
    expect(router.route('http', target('b'))).toBe(2);
    expect(router.route('ws', token('a'))).toBeNull(); // not a first event: never binds
    expect(router.route('ws', error('a'))).toBe(1); // failed before choosing a target
    expect(router.route('ws', token('a'))).toBe(1);
    expect(router.route('http', token('b'))).toBe(2);
    expect(router.route('ws', target('c'))).toBeNull(); // nobody waits
  });

  it('settle binds a send whose events never came', () => {
    const router = new ExchangeRouter();
    router.expect(1, 'ws');
    router.settle(1, 'a');
    expect(router.route('ws', target('z'))).toBeNull();
    expect(router.route('ws', token('a'))).toBe(1);
  });

  it('retireAll ignores the old exchanges and the first events of sends still waiting', () => {
    const router = new ExchangeRouter();
    router.expect(1, 'ws');
    router.expect(2, 'ws');
    expect(router.route('ws', target('a'))).toBe(1);
    router.retireAll();
    router.expect(3, 'ws');
    expect(router.route('ws', token('a'))).toBeNull();
    expect(router.route('ws', target('b'))).toBeNull(); // send 2's first event: orphaned
    expect(router.route('ws', target('c'))).toBe(3);
  });

  it('an orphan that settles without events no longer blocks binding', () => {
    const router = new ExchangeRouter();
    router.expect(1, 'ws');
    router.retireAll();
    router.settleOrphan('ws', null);
    router.expect(2, 'ws');
    expect(router.route('ws', target('n'))).toBe(2);
  });
});
