import fc from 'fast-check';
import { hashString, IntMultiMap } from './int-multimap.js';

describe('IntMultiMap', () => {
  it('behaves like a Map of arrays through growth (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.nat(1000)), { maxLength: 3000 }), (ops) => {
        const map = new IntMultiMap(1);
        const reference = new Map<number, number[]>();
        for (const [k, v] of ops) {
          map.add(k, v);
          reference.set(k, [...(reference.get(k) ?? []), v]);
        }
        for (let k = -50; k <= 50; k++) {
          const got: number[] = [];
          map.forEach(k, (v) => got.push(v));
          expect(got.reverse()).toEqual(reference.get(k) ?? []);
        }
        expect(map.keyCount).toBe(reference.size);
        expect(map.valueCount).toBe(ops.length);
      }),
      { numRuns: 50 },
    );
  });

  it('hashes strings to 32-bit integers', () => {
    expect(hashString('abc')).toBe(hashString('abc'));
    expect(hashString('abc')).not.toBe(hashString('abd'));
    expect(Number.isInteger(hashString('张伟'))).toBe(true);
  });
});
