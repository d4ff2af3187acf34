import fc from 'fast-check';
import { osaDistance } from './string-distance.js';

/** Plain Levenshtein, as a reference: OSA never exceeds it. */
function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

describe('osaDistance', () => {
  it('counts an adjacent transposition as one edit', () => {
    expect(osaDistance('smith', 'smiht')).toBe(1);
    expect(osaDistance('kristen', 'kirsten')).toBe(1);
    expect(osaDistance('john', 'jon')).toBe(1);
    expect(osaDistance('', 'abc')).toBe(3);
    expect(osaDistance('same', 'same')).toBe(0);
  });

  it('is symmetric, zero only on equal strings, and at most Levenshtein (property)', () => {
    const word = fc.string({ unit: fc.constantFrom(...'abcde'), maxLength: 12 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        const d = osaDistance(a, b);
        expect(osaDistance(b, a)).toBe(d);
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(levenshtein(a, b));
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
      }),
    );
  });

  it('handles long strings', () => {
    expect(osaDistance('a'.repeat(100), `${'a'.repeat(99)}b`)).toBe(1);
  });
});
