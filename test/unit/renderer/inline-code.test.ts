import { describe, expect, it } from 'vitest';
import { splitInlineCode } from '../../../src/renderer/src/ui/inline-code.ts';

describe('splitInlineCode', () => {
  it('marks backtick spans as code and keeps the text around them', () => {
    expect(splitInlineCode('Check `docker logs x`, then `docker start x`.')).toEqual([
      { text: 'Check ', code: false },
      { text: 'docker logs x', code: true },
      { text: ', then ', code: false },
      { text: 'docker start x', code: true },
      { text: '.', code: false },
    ]);
  });

  it('keeps an unpaired backtick literal and plain text unchanged', () => {
    expect(splitInlineCode('a `b` c ` d')).toEqual([
      { text: 'a ', code: false },
      { text: 'b', code: true },
      { text: ' c ` d', code: false },
    ]);
    expect(splitInlineCode('no code here')).toEqual([{ text: 'no code here', code: false }]);
    expect(splitInlineCode('`x`')).toEqual([{ text: 'x', code: true }]);
  });
});
