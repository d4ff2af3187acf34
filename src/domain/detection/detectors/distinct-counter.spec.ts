import fc from 'fast-check';
import { DistinctCounter } from './distinct-counter.js';

describe('DistinctCounter', () => {
  it('counts like a Set, across resets and growth', () => {
    const counter = new DistinctCounter();
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 300 }), { maxLength: 5 }), (batches) => {
        for (const batch of batches) {
          counter.reset(batch.length);
          const seen = new Set<number>();
          for (const v of batch) expect(counter.add(v)).toBe(!seen.has(v) && seen.add(v) !== undefined);
          expect(counter.size).toBe(seen.size);
        }
      }),
    );
  });

  it('forgets everything on reset', () => {
    const counter = new DistinctCounter();
    counter.reset(2);
    counter.add(1);
    counter.add(2);
    counter.reset(2);
    expect(counter.add(1)).toBe(true);
    expect(counter.size).toBe(1);
  });
});
