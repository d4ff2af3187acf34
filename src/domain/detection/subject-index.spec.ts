import fc from 'fast-check';
import { SubjectIndex } from './subject-index.js';

describe('SubjectIndex', () => {
  it('behaves like a Map through adds, deletes and growth', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom('add', 'delete'), fc.constantFrom('102', '103', 'id:'), fc.integer({ min: 0, max: 400 })),
          { maxLength: 600 },
        ),
        (ops) => {
          const index = new SubjectIndex(4);
          const model = new Map<string, number>();
          let nextId = 0;
          for (const [op, bank, n] of ops) {
            const account = `6222${n}`;
            const key = `${bank}:${account}`;
            if (op === 'add' && !model.has(key)) {
              index.add(bank, account, nextId);
              model.set(key, nextId++);
            } else if (op === 'delete') {
              expect(index.delete(bank, account)).toBe(model.delete(key));
            }
          }
          expect(index.size).toBe(model.size);
          for (const bank of ['102', '103', 'id:']) {
            for (let n = 0; n <= 400; n++) {
              expect(index.get(bank, `6222${n}`)).toBe(model.get(`${bank}:6222${n}`) ?? -1);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps the split between the two parts: ("12", "3") is not ("1", "23")', () => {
    const index = new SubjectIndex();
    index.add('12', '3', 7);
    expect(index.get('1', '23')).toBe(-1);
    expect(index.get('12', '3')).toBe(7);
  });
});
