import fc from 'fast-check';
import { PeerLatest } from './peer-latest.js';

describe('PeerLatest', () => {
  it('keeps the last value per key like a Map, across resets and growth', () => {
    const table = new PeerLatest();
    fc.assert(
      fc.property(fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: 500 }), fc.nat()), { maxLength: 300 }), { maxLength: 4 }), (batches) => {
        for (const batch of batches) {
          table.reset(batch.length);
          const model = new Map<number, number>();
          for (const [k, v] of batch) {
            table.set(k, v);
            model.set(k, v);
          }
          expect(table.size).toBe(model.size);
          for (let k = 0; k <= 500; k += 7) expect(table.get(k)).toBe(model.get(k) ?? -1);
        }
      }),
    );
  });
});
