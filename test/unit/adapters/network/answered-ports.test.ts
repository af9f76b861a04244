import { describe, expect, it } from 'vitest';
import { AnsweredPorts } from '../../../../src/main/adapters/network/answered-ports.ts';

describe('AnsweredPorts: which ports answered while a TCP probe of them runs', () => {
  it('tells every probe of the answered host:port once, and no probe of another port', () => {
    const ports = new AnsweredPorts();
    const seen: string[] = [];
    ports.subscribe('LocalHost', 8006)(() => seen.push('a'));
    ports.subscribe('localhost', 8006)(() => seen.push('b'));
    ports.subscribe('localhost', 8007)(() => seen.push('other'));
    ports.answered('localhost', 8006);
    ports.answered('localhost', 8006);
    expect(seen).toEqual(['a', 'b']);
  });

  it('remembers nothing: an answer before a probe subscribes, or after it unsubscribed, does not reach it', () => {
    const ports = new AnsweredPorts();
    const seen: string[] = [];
    ports.answered('127.0.0.1', 80);
    const subscription = ports.subscribe('127.0.0.1', 80)(() => seen.push('early'));
    subscription.dispose();
    subscription.dispose();
    ports.answered('127.0.0.1', 80);
    ports.subscribe('127.0.0.1', 80)(() => seen.push('late'));
    ports.answered('127.0.0.1', 80);
    expect(seen).toEqual(['late']);
  });

  it('a probe that unsubscribes leaves the others of the same port subscribed', () => {
    const ports = new AnsweredPorts();
    const seen: string[] = [];
    const first = ports.subscribe('db', 5432)(() => seen.push('first'));
    ports.subscribe('db', 5432)(() => seen.push('second'));
    first.dispose();
    ports.answered('db', 5432);
    expect(seen).toEqual(['second']);
  });
});
