import { createHash, randomUUID } from 'node:crypto';
import { NegativeListIndex, type IndexedEntry } from './entry-index.js';

const blind = (kind: string, value: string): string => createHash('sha256').update(`${kind}:${value}`).digest('hex');
const NOW = new Date('2026-11-21T02:00:00Z');

function entry(over: Partial<IndexedEntry> = {}): IndexedEntry {
  return {
    id: randomUUID(),
    version: 1,
    subjectType: 'PERSON',
    idKind: 'RESIDENT_ID',
    key: blind('RESIDENT_ID', '11010519491231002X'),
    identifierMasked: '110105********002X',
    name: '张伟',
    birthDate: '1949-12-31',
    category: 'ACCOUNT_SELLER',
    fraudType: 'ORDER_BRUSHING',
    measures: ['NO_NEW_ACCOUNTS'],
    status: 'ACTIVE',
    effectiveFrom: new Date('2026-01-01T00:00:00Z'),
    expiresAt: new Date('2028-01-01T00:00:00Z'),
    termBasis: 'JOINT_PUNISHMENT_CARD_SELLER',
    ...over,
  };
}

const opts = { threshold: 0.85, limit: 20 };

describe('NegativeListIndex', () => {
  it('finds entries by identifier and by name, one hit per entry with exact first', () => {
    const idx = new NegativeListIndex();
    const e = entry();
    idx.upsert(e);
    const hits = idx.match({ identifiers: [{ kind: 'RESIDENT_ID', key: e.key }], name: '張偉' }, NOW, opts);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ entryId: e.id, matchType: 'EXACT_ID', score: 1, entry: { identifierMasked: '110105********002X', subjectName: '张伟', termBasis: 'JOINT_PUNISHMENT_CARD_SELLER' } });
    const byName = idx.match({ identifiers: [], name: '张玮' }, NOW, opts);
    expect(byName[0]).toMatchObject({ entryId: e.id, matchType: 'NAME_FUZZY' });
    expect(byName[0]!.score).toBeGreaterThanOrEqual(0.85);
    expect(byName[0]!.explanation.name?.reason).toBe('HOMOPHONE');
  });

  it('chains several entries under one identifier and unlinks them one by one', () => {
    const idx = new NegativeListIndex();
    const phone = blind('PHONE', '13800138000');
    const a = entry({ subjectType: 'PHONE', idKind: 'PHONE', key: phone, name: null, category: 'FRAUD_PHONE' });
    const b = entry({ subjectType: 'PHONE', idKind: 'PHONE', key: phone, name: null, category: 'FRAUD_PHONE' });
    const c = entry({ subjectType: 'PHONE', idKind: 'PHONE', key: phone, name: null, category: 'FRAUD_PHONE' });
    [a, b, c].forEach((x) => idx.upsert(x));
    expect(idx.entriesByKey('PHONE', phone, NOW).map((v) => v.id).sort()).toEqual([a.id, b.id, c.id].sort());
    idx.remove(b.id);
    expect(idx.entriesByKey('PHONE', phone, NOW).map((v) => v.id).sort()).toEqual([a.id, c.id].sort());
    idx.upsert({ ...a, version: 2, status: 'REVOKED' });
    expect(idx.entriesByKey('PHONE', phone, NOW).map((v) => v.id)).toEqual([c.id]);
    idx.remove(c.id);
    expect(idx.entriesByKey('PHONE', phone, NOW)).toEqual([]);
    expect(idx.size).toBe(0);
  });

  it('decides "in force" from the clock: not before the start, not from the expiry on', () => {
    const idx = new NegativeListIndex();
    const e = entry();
    idx.upsert(e);
    const q = { identifiers: [{ kind: 'RESIDENT_ID' as const, key: e.key }] };
    expect(idx.match(q, new Date('2025-12-31T23:59:59Z'), opts)).toHaveLength(0);
    expect(idx.match(q, new Date('2027-12-31T23:59:59.999Z'), opts)).toHaveLength(1);
    expect(idx.match(q, new Date('2028-01-01T00:00:00Z'), opts)).toHaveLength(0);
    expect(idx.get(e.id, new Date('2028-01-01T00:00:00Z'))?.status).toBe('EXPIRED');
  });

  it('ignores versions older than the one held', () => {
    const idx = new NegativeListIndex();
    const e = entry({ version: 3 });
    idx.upsert(e);
    idx.upsert({ ...e, version: 2, status: 'REVOKED' });
    expect(idx.versionOf(e.id)).toBe(3);
    idx.upsert({ ...e, version: 4, category: 'CONVICTED_FRAUDSTER' });
    expect(idx.get(e.id, NOW)?.category).toBe('CONVICTED_FRAUDSTER');
  });

  it('does not report a namesake whose resident ID differs from the one asked about', () => {
    const idx = new NegativeListIndex();
    const e = entry();
    idx.upsert(e);
    const other = blind('RESIDENT_ID', '110105199001011234');
    expect(idx.match({ identifiers: [{ kind: 'RESIDENT_ID', key: other }], name: '张伟' }, NOW, opts)).toHaveLength(0);
    expect(idx.match({ identifiers: [], name: '张伟' }, NOW, opts)).toHaveLength(1);
  });

  it('drops excluded hits (known non-matches) and re-files a renamed person', () => {
    const idx = new NegativeListIndex();
    const e = entry();
    idx.upsert(e);
    expect(idx.match({ identifiers: [], name: '张伟' }, NOW, { ...opts, exclude: (id) => id === e.id })).toHaveLength(0);
    idx.upsert({ ...e, version: 2, name: 'Wang Fang', birthDate: null });
    expect(idx.match({ identifiers: [], name: '张伟' }, NOW, opts)).toHaveLength(0);
    expect(idx.match({ identifiers: [], name: 'fang wang' }, NOW, opts)).toHaveLength(1);
  });

  it('reuses slots and keeps ids intact across many adds and removes', () => {
    const idx = new NegativeListIndex();
    const entries = Array.from({ length: 3000 }, (_, i) => entry({ key: blind('DEVICE', `dev-${i}`), subjectType: 'DEVICE', idKind: 'DEVICE', name: null }));
    entries.forEach((e) => idx.upsert(e));
    entries.filter((_, i) => i % 2 === 0).forEach((e) => idx.remove(e.id));
    expect(idx.size).toBe(1500);
    entries.forEach((e, i) => expect(idx.entriesByKey('DEVICE', e.key, NOW).map((v) => v.id)).toEqual(i % 2 === 0 ? [] : [e.id]));
  });
});
