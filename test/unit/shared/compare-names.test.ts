import { describe, expect, it } from 'vitest';
import { compareNames } from '../../../src/shared/compare-names.ts';

const ascii = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
const nameChars = 'abcxyzABCXYZ0129-_. ';

/** A small deterministic generator, so a failure names a pair that can be replayed. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

function randomString(next: () => number, alphabet: string, maxLength: number): string {
  const length = Math.floor(next() * (maxLength + 1));
  return Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
}

describe('compareNames', () => {
  it('orders every pair of printable ASCII characters as localeCompare does', () => {
    for (const a of ascii) for (const b of ascii) expect([a, b, compareNames(a, b)]).toEqual([a, b, Math.sign(a.localeCompare(b))]);
  });

  it('orders random names (prefixes, case, digits, punctuation) as localeCompare does', () => {
    const next = generator(9);
    for (let i = 0; i < 20_000; i++) {
      const alphabet = i % 2 === 0 ? nameChars : ascii;
      const a = randomString(next, alphabet, 6);
      // Often a variation of a, so long shared prefixes and case-only differences are common.
      const b = i % 3 === 0 ? a.toUpperCase() : i % 3 === 1 ? a + randomString(next, alphabet, 2) : randomString(next, alphabet, 6);
      expect([a, b, compareNames(a, b)]).toEqual([a, b, Math.sign(a.localeCompare(b))]);
    }
  });

  it('leaves anything beyond printable ASCII to localeCompare', () => {
    for (const [a, b] of [
      ['é', 'f'],
      ['straße', 'strasse'],
      ['a\tb', 'a b'],
    ] as const)
      expect(compareNames(a, b)).toBe(a.localeCompare(b));
  });
});
