import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { KeyTable, splitHexKey } from './key-table.js';

const key = (n: number): string => createHash('sha256').update(String(n)).digest('hex');

describe('KeyTable', () => {
  it('behaves like a Map under any sequence of sets and deletes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 1e6 })), { maxLength: 3000 }), (ops) => {
        const table = new KeyTable();
        const model = new Map<number, number>();
        for (const [isSet, k, v] of ops) {
          if (isSet) {
            table.set(splitHexKey(key(k)), v);
            model.set(k, v);
          } else {
            expect(table.delete(splitHexKey(key(k)))).toBe(model.delete(k));
          }
        }
        expect(table.size).toBe(model.size);
        for (let k = 0; k <= 300; k++) expect(table.get(splitHexKey(key(k)))).toBe(model.get(k) ?? -1);
      }),
      { numRuns: 40 },
    );
  });

  it('grows past its initial capacity', () => {
    const table = new KeyTable();
    for (let i = 0; i < 5000; i++) table.set(splitHexKey(key(i)), i);
    for (let i = 0; i < 5000; i++) expect(table.get(splitHexKey(key(i)))).toBe(i);
    expect(table.get(splitHexKey(key(5001)))).toBe(-1);
  });
});
