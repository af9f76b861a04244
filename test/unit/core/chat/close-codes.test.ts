import { describe, expect, it } from 'vitest';
import { closeCodeHint, closeCodeName, NAMED_CLOSE_CODES } from '../../../../src/main/core/chat/close-codes.ts';

describe('closeCodeName', () => {
  it.each([
    [1000, 'normal closure'],
    [1001, 'going away'],
    [1002, 'protocol error'],
    [1003, 'unsupported data'],
    [1005, 'no status received'],
    [1006, 'abnormal closure'],
    [1007, 'invalid frame payload data'],
    [1008, 'policy violation'],
    [1009, 'message too big'],
    [1010, 'mandatory extension'],
    [1011, 'internal error'],
    [1012, 'service restart'],
    [1013, 'try again later'],
    [1014, 'bad gateway'],
    [1015, 'TLS handshake failure'],
  ])('%i is %s, with its own hint', (code, name) => {
    expect(closeCodeName(code)).toBe(name);
    expect(closeCodeHint(code)).not.toBe(closeCodeHint(4999));
  });

  it('names every code it lists', () => {
    expect(NAMED_CLOSE_CODES).toHaveLength(15);
  });

  it('names unlisted codes by range', () => {
    expect(closeCodeName(3008)).toBe('registered (library-defined)');
    expect(closeCodeName(4001)).toBe('application-defined');
    expect(closeCodeName(1004)).toBe('unknown');
    expect(closeCodeHint(4001)).toContain('own code');
  });
});
