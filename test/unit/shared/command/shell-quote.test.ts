import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellLine, shellQuote } from '../../../../src/shared/command/shell-quote.ts';

describe('shellQuote', () => {
  it('leaves safe words bare and single-quotes the rest, escaping quotes', () => {
    expect(shellQuote('http://localhost:8006')).toBe('http://localhost:8006');
    expect(shellQuote('admin')).toBe('admin');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('two words')).toBe("'two words'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('$HOME `x` !')).toBe("'$HOME `x` !'");
    expect(shellQuote('{{json .State.Health}}')).toBe("'{{json .State.Health}}'");
  });
});

describe('shellLine', () => {
  it('gives back exactly the argument vector when a real POSIX shell splits it', () => {
    const argv = ['printf', '%s\\0', "it's", 'a"b', '$(id)', '`id`', 'x\ny', 'two  words', '', '-rm', '*', '~', 'a;b|c&&d>e', '${IFS}'];
    const out = spawnSync('/bin/sh', ['-c', shellLine(argv)], { encoding: 'utf8' });
    expect(out.stdout.split('\0').slice(0, -1)).toEqual(argv.slice(2));
  });
});
