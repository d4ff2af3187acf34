import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { ChainVerifier, GENESIS_HASH, canonicalJson, chainHash, recordContent, recordHash, type ChainRecord } from './hash-chain.js';

function chain(n: number): ChainRecord[] {
  const out: ChainRecord[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const base = {
      seq: i,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      actorType: 'USER',
      actorId: `u${i}`,
      institutionId: null,
      action: 'thing.changed',
      subjectType: 'thing',
      subjectId: String(i),
      requestId: `r${i}`,
      outcome: 'SUCCESS',
      details: { b: i, a: [1, { y: 2, x: 1 }] },
      prevHash: prev,
    };
    const hash = recordHash(base);
    out.push({ ...base, hash });
    prev = hash;
  }
  return out;
}

function verify(records: ChainRecord[]) {
  const v = new ChainVerifier();
  for (const r of records) {
    const b = v.next(r);
    if (b) return b;
  }
  return null;
}

describe('audit hash chain', () => {
  it('accepts an intact chain', () => {
    expect(verify(chain(20))).toBeNull();
  });

  it('hashes independent of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });

  it('finds an altered record, a removed record and a relinked record', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), (i) => {
        const altered = chain(20);
        altered[i - 1] = { ...altered[i - 1]!, outcome: 'DENIED' };
        expect(verify(altered)).toEqual({ kind: 'ALTERED', seq: i });

        const removed = chain(20).filter((r) => r.seq !== i);
        expect(verify(removed)).toEqual(i === 20 ? null : { kind: 'MISSING', seq: i });
      }),
    );
    const relinked = chain(5);
    relinked[2] = { ...relinked[2]!, prevHash: GENESIS_HASH };
    expect(verify(relinked)).toEqual({ kind: 'BROKEN_LINK', seq: 3 });
  });

  it('hashes [seq, ...content, prevHash] whole: the split into content and chain position changes no hash', () => {
    const text = fc.option(fc.string({ unit: 'grapheme', maxLength: 12 }), { nil: null });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.date({ min: new Date(0), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true }),
        text,
        text,
        fc.jsonValue(),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        (seq, occurredAt, subjectId, requestId, details, prevHash) => {
          const r = { seq, occurredAt, actorType: 'USER', actorId: 'u"1', institutionId: null, action: 'a.b', subjectType: 't', subjectId, requestId, outcome: 'SUCCESS', details, prevHash };
          const whole = canonicalJson([seq, occurredAt.toISOString(), 'USER', 'u"1', null, 'a.b', 't', subjectId, requestId, 'SUCCESS', details ?? {}, prevHash]);
          const expected = createHash('sha256').update(whole).digest('hex');
          expect(recordHash(r)).toBe(expected);
          expect(chainHash(seq, recordContent(r), prevHash)).toBe(expected);
        },
      ),
    );
  });
});
