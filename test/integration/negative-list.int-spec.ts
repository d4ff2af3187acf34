import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { BlindIndexService } from '../../src/common/crypto/blind-index.service.js';
import { openDataSource } from '../../src/infra/database/data-source.js';
import { NegativeListAppealsRepository } from '../../src/modules/negative-list/negative-list-appeals.repository.js';
import { NegativeListRepository, type NewEntryRow } from '../../src/modules/negative-list/negative-list.repository.js';
import { RegistryRepository, type RegistryRow } from '../../src/modules/registry/registry.repository.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/databases.js';

// Starting the service, seeding users (argon2) and loading data take seconds on a busy machine.
jest.setTimeout(60_000);

const blind = new BlindIndexService({ jwtSecret: 'x'.repeat(32), blindIndexKey: 'integration-blind-index-key-0123456789' });
const NOW = new Date('2026-11-21T02:00:00Z');
const INSTITUTION = randomUUID();
const actor = { type: 'USER', id: randomUUID(), institutionId: INSTITUTION };

function phoneRow(i: number, over: Partial<NewEntryRow> = {}): NewEntryRow {
  const phone = `139${String(i).padStart(8, '0')}`;
  return {
    id: randomUUID(),
    externalRef: `R-${i}`,
    subjectType: 'PHONE',
    idKind: 'PHONE',
    subjectKey: blind.of('PHONE', phone),
    identifier: phone,
    identifierMasked: `139****${phone.slice(7)}`,
    subjectName: null,
    birthDate: null,
    category: 'FRAUD_PHONE',
    fraudType: 'ORDER_BRUSHING',
    legalBasis: '通报',
    legalBasisDocNo: null,
    evidenceRef: null,
    measures: [],
    requestedFrom: NOW,
    effectiveFrom: NOW,
    expiresAt: null,
    termBasis: 'OPEN_ENDED',
    ...over,
  };
}

describe('negative-list and registry storage on PostgreSQL', () => {
  let db: ScratchDatabase;
  let ds: DataSource;
  let ds2: DataSource;
  let repo: NegativeListRepository;

  beforeAll(async () => {
    db = await createScratchDatabase('nlint');
    ds = await openDataSource({ url: db.url, poolSize: 4, migrationsRun: true });
    ds2 = await openDataSource({ url: db.url, poolSize: 4 });
    repo = new NegativeListRepository(ds);
  });
  afterAll(async () => {
    await ds2?.destroy();
    await ds?.destroy();
    await db?.drop();
  });

  it('upserts a batch by external reference: inserts, then updates only what changed, each change a version', async () => {
    const rows = [1, 2, 3].map((i) => phoneRow(i));
    const first = await repo.upsertBatch(rows, actor, randomUUID(), NOW);
    expect(first.map((r) => [r.version, r.inserted])).toEqual([[1, true], [1, true], [1, true]]);
    const same = await repo.upsertBatch([1, 2, 3].map((i) => phoneRow(i)), actor, randomUUID(), NOW);
    expect(same).toEqual([]);
    const changed = await repo.upsertBatch([phoneRow(1), phoneRow(2, { fraudType: 'FAKE_LOAN' })], actor, randomUUID(), NOW);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ id: first[1]!.id, version: 2, inserted: false, fraud_type: 'FAKE_LOAN' });
    // Only superseded versions are copied to history; the current one is the entry row.
    const archived: Array<{ entry_id: string; version: number; action: string }> = await ds.query('SELECT entry_id, version, action FROM negative_list_entry_versions');
    expect(archived).toEqual([{ entry_id: first[1]!.id, version: 1, action: 'CREATED' }]);
    const history = await repo.history(first[1]!.id);
    expect(history.map((v) => [v.version, v.action, v.snapshot.fraudType])).toEqual([[1, 'CREATED', 'ORDER_BRUSHING'], [2, 'IMPORTED', 'FAKE_LOAN']]);
    expect(Number((await ds.query('SELECT count(*) AS n FROM negative_list_entries'))[0].n)).toBe(3);
  });

  it('stores every field of a batch row as sent, times to the millisecond, and sees an identical row again as unchanged', async () => {
    const row = phoneRow(901, {
      externalRef: 'FIELDS-1',
      subjectType: 'PERSON',
      idKind: 'FOREIGN_DOC',
      subjectName: "Zoë O'Brien \"Jr\"",
      birthDate: '1988-02-29',
      category: 'CONVICTED_FRAUDSTER',
      fraudType: 'FAKE_INVESTMENT',
      legalBasis: '判决书\n第二行',
      legalBasisDocNo: '（2026）粤03刑初1号',
      evidenceRef: 'EV-\u2028-1',
      measures: ['NO_NEW_ACCOUNTS', 'NON_COUNTER_SUSPENDED'],
      requestedFrom: new Date('2026-11-21T02:00:00.123Z'),
      effectiveFrom: new Date('2027-01-31T16:00:00.999Z'),
      expiresAt: new Date('2030-01-31T16:00:00.001Z'),
      termBasis: 'JOINT_PUNISHMENT_CONVICTED',
    });
    const [written] = await repo.upsertBatch([row], actor, randomUUID(), NOW);
    const [stored] = await ds.query(
      `SELECT id, external_ref, subject_type, id_kind, subject_key, identifier, identifier_masked, subject_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, category,
              fraud_type, legal_basis, legal_basis_doc_no, evidence_ref, measures, requested_from, effective_from, expires_at, term_basis
         FROM negative_list_entries WHERE id = $1`,
      [written!.id],
    );
    expect(stored).toEqual({
      id: row.id, external_ref: 'FIELDS-1', subject_type: 'PERSON', id_kind: 'FOREIGN_DOC', subject_key: row.subjectKey, identifier: row.identifier,
      identifier_masked: row.identifierMasked, subject_name: row.subjectName, birth_date: '1988-02-29', category: 'CONVICTED_FRAUDSTER', fraud_type: 'FAKE_INVESTMENT',
      legal_basis: row.legalBasis, legal_basis_doc_no: row.legalBasisDocNo, evidence_ref: row.evidenceRef, measures: ['NO_NEW_ACCOUNTS', 'NON_COUNTER_SUSPENDED'],
      requested_from: row.requestedFrom, effective_from: row.effectiveFrom, expires_at: row.expiresAt, term_basis: 'JOINT_PUNISHMENT_CONVICTED',
    });
    expect(await repo.upsertBatch([{ ...row, id: randomUUID() }], actor, randomUUID(), NOW)).toEqual([]);
  });

  it('keeps a revoked entry revoked when its row is imported again', async () => {
    const [row] = await repo.upsertBatch([phoneRow(10)], actor, randomUUID(), NOW);
    await repo.transaction((em) => repo.update(em, row!.id, { status: 'REVOKED', statusReason: 'appeal upheld' }, 'REVOKED', actor, NOW, 'appeal upheld'));
    const [again] = await repo.upsertBatch([phoneRow(10, { category: 'OTHER' })], actor, randomUUID(), NOW);
    expect(again).toMatchObject({ version: 3, status: 'REVOKED', category: 'OTHER' });
  });

  it('stores lookups as keyed blind indexes and keeps the full identifier out of history', async () => {
    const [row] = await repo.upsertBatch([phoneRow(20)], actor, randomUUID(), NOW);
    const stored: Array<{ subject_key: string; identifier: string }> = await ds.query('SELECT subject_key, identifier FROM negative_list_entries WHERE id = $1', [row!.id]);
    expect(stored[0]!.subject_key).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.subject_key).not.toContain('13900000020');
    expect(stored[0]!.subject_key).toBe(blind.of('PHONE', '13900000020'));
    await repo.upsertBatch([phoneRow(20, { category: 'OTHER' })], actor, randomUUID(), NOW);
    const snapshots: Array<{ snapshot: Record<string, unknown> }> = await ds.query('SELECT snapshot FROM negative_list_entry_versions WHERE entry_id = $1', [row!.id]);
    expect(snapshots).toHaveLength(1);
    expect(JSON.stringify(snapshots)).not.toContain('13900000020');
    expect(snapshots[0]!.snapshot.identifierMasked).toBe('139****0020');
    expect(JSON.stringify(await repo.history(row!.id))).not.toContain('13900000020');
  });

  it('expires due entries exactly once when two processes sweep at the same time', async () => {
    const due = Array.from({ length: 400 }, (_, i) => phoneRow(1000 + i, { expiresAt: new Date('2026-11-22T00:00:00Z') }));
    for (let i = 0; i < due.length; i += 100) await repo.upsertBatch(due.slice(i, i + 100), actor, randomUUID(), NOW);
    const other = new NegativeListRepository(ds2);
    const later = new Date('2026-11-23T00:00:00Z');
    const sweep = async (r: NegativeListRepository): Promise<number> => {
      let n = 0;
      for (;;) {
        const got = await r.expireDue(later, 37);
        n += got.length;
        if (got.length === 0) return n;
      }
    };
    const [a, b] = await Promise.all([sweep(repo), sweep(other)]);
    expect(a + b).toBe(400);
    const expired: Array<{ n: string }> = await ds.query(`SELECT count(*) AS n FROM negative_list_entries WHERE last_action = 'EXPIRED' AND status = 'EXPIRED' AND version = 2`);
    expect(Number(expired[0]!.n)).toBe(400);
    const archivedTwice: Array<{ n: string }> = await ds.query(`SELECT entry_id FROM negative_list_entry_versions GROUP BY entry_id, version HAVING count(*) <> 1`);
    expect(archivedTwice).toEqual([]);
    expect((await repo.indexPage('0', 10_000, later)).some((r) => due.some((d) => d.id === r.id))).toBe(false);
  });

  it('finds statutory terms by person and the identifiers in force', async () => {
    const key = blind.of('RESIDENT_ID', '440305199003150010');
    const person = phoneRow(3000, { subjectType: 'PERSON', idKind: 'RESIDENT_ID', subjectKey: key, identifier: '440305199003150010', category: 'ACCOUNT_SELLER', expiresAt: new Date('2028-11-21T16:00:00Z'), termBasis: 'JOINT_PUNISHMENT_CARD_SELLER', subjectName: '张伟' });
    const [stored] = await repo.upsertBatch([person], actor, randomUUID(), NOW);
    const terms = await repo.statutoryTerms([key]);
    expect(terms).toEqual([{ id: stored!.id, subjectKey: key, externalRef: 'R-3000', contributorInstitutionId: INSTITUTION, term: { from: NOW, to: new Date('2028-11-21T16:00:00Z') } }]);
    const inForce = await repo.identifiersInForce(NOW, [stored!.id]);
    expect(inForce).toEqual([{ entryId: stored!.id, kind: 'RESIDENT_ID', key }]);
  });

  it('allows one open appeal per entry', async () => {
    const [row] = await repo.upsertBatch([phoneRow(4000)], actor, randomUUID(), NOW);
    const appeals = new NegativeListAppealsRepository(ds);
    const appeal = () => ({ id: randomUUID(), entryId: row!.id, receivedAt: NOW, receivedByInstitutionId: INSTITUTION, recordedBy: 'USER:x', grounds: 'g', deadlineAt: NOW, status: 'OPEN' as const, decidedAt: null, decidedBy: null, decidedByInstitutionId: null, decisionReason: null, createdAt: NOW });
    await ds.transaction((em) => appeals.insert(em, appeal()));
    await expect(ds.transaction((em) => appeals.insert(em, appeal()))).rejects.toThrow(/ux_negative_list_appeals_open/);
  });

  it('upserts registry entities by USCC, never letting an older record overwrite a newer one', async () => {
    const registry = new RegistryRepository(ds);
    const base: RegistryRow = {
      uscc: '91440300MA5D00012X',
      name: '示例公司',
      nameNorm: '示例公司',
      formerNames: [],
      formerNamesNorm: [],
      entityType: null,
      legalRepName: '陈明',
      legalRepIdKind: 'RESIDENT_ID',
      legalRepKey: blind.of('RESIDENT_ID', '440305199005010071'),
      legalRepIdMasked: '440305********0071',
      registeredCapitalFen: 1_000_000,
      establishedOn: '2026-11-01',
      registeredAddress: '深圳',
      addressKey: blind.of('ADDRESS', '深圳'),
      status: 'ACTIVE',
      abnormalOperations: [],
      seriousDishonest: [],
      businessScope: null,
      registrationAuthority: null,
      sourceUpdatedAt: new Date('2026-11-10T00:00:00Z'),
    };
    expect(await registry.upsertBatch([base], 'FEED', actor, null, NOW)).toEqual([{ uscc: base.uscc, version: 1, inserted: true }]);
    expect(await registry.upsertBatch([{ ...base, status: 'REVOKED', sourceUpdatedAt: new Date('2026-11-01T00:00:00Z') }], 'FEED', actor, null, NOW)).toEqual([]);
    expect(await registry.upsertBatch([{ ...base, status: 'REVOKED', sourceUpdatedAt: new Date('2026-11-11T00:00:00Z') }], 'FEED', actor, null, NOW)).toEqual([{ uscc: base.uscc, version: 2, inserted: false }]);
    const stored = await registry.find(base.uscc);
    expect(stored).toMatchObject({ status: 'REVOKED', version: 2, registeredCapitalFen: 1_000_000, establishedOn: '2026-11-01', legalRepEntityCount: 1, addressEntityCount: 1 });
    expect((await registry.history(base.uscc)).map((v) => v.snapshot.status)).toEqual(['ACTIVE', 'REVOKED']);
  });
});
