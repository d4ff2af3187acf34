import { jest } from '@jest/globals';
import { makeResidentId } from '../../src/domain/identity/national-id-factory.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { seedInstitution, type SeededInstitution } from '../support/world.js';

// Starting the service, seeding users (argon2) and loading data take seconds on a busy machine.
jest.setTimeout(60_000);

const ZHANG = makeResidentId({ divisionCode: '440305', birthDate: '1990-03-15', sequence: 1 });
const OTHER_ZHANG = makeResidentId({ divisionCode: '110105', birthDate: '1990-03-15', sequence: 2 });

function entry(subject: Record<string, unknown>, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { subject, category: 'ACCOUNT_SELLER', fraudType: 'FAKE_INVESTMENT', legalBasis: '认定书', measures: ['NO_NEW_ACCOUNTS'], ...over };
}

async function until<T>(deadlineMs: number, probe: () => Promise<T | undefined>): Promise<T | undefined> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('negative-list matching', () => {
  let db: ScratchDatabase;
  let a: TestApp;
  let b: TestApp;
  let bankA: SeededInstitution;
  let bankB: SeededInstitution;
  const clock = new TestClock('2026-11-21T02:00:00.000Z');
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createScratchDatabase();
    a = await startTestApp({ databaseUrl: db.url, clock });
    bankA = await seedInstitution(a, 'BANK-A');
    bankB = await seedInstitution(a, 'BANK-B');
    const put = async (key: string, body: Record<string, unknown>): Promise<void> => {
      const res = await a.request('POST', '/v1/negative-list/entries', { token: bankA.tokens.ANALYST, body });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      ids[key] = res.body.id;
    };
    await put('zhang', entry({ type: 'PERSON', idNumber: ZHANG, name: '张伟' }));
    await put('xiaoming', entry({ type: 'PERSON', idNumber: makeResidentId({ divisionCode: '310101', birthDate: '1988-08-08', sequence: 3 }), name: '王曉明' }));
    await put('garcia', entry({ type: 'PERSON', documentNumber: 'X9988776', nationality: 'ESP', name: 'María José García', birthDate: '1975-01-20' }, { category: 'FRAUD_SUSPECT' }));
    await put('phone', entry({ type: 'PHONE', phone: '13800138000' }, { category: 'FRAUD_PHONE', measures: [] }));
  });
  afterAll(async () => {
    await b?.close();
    await a.close();
    await db.drop();
  });

  const match = (body: Record<string, unknown>, key = bankB.apiKey, app = a) => app.request('POST', '/v1/negative-list/match', { apiKey: key, body });

  it('matches identifiers exactly after normalisation and names fuzzily, explaining why', async () => {
    const both = await match({ idNumber: ZHANG, name: '张伟' });
    expect(both.body.threshold).toBe(0.85);
    expect(both.body.hits).toHaveLength(1);
    expect(both.body.hits[0]).toMatchObject({ entryId: ids.zhang, matchType: 'EXACT_ID', score: 1, explanation: { identifierKind: 'RESIDENT_ID' } });
    expect(both.body.hits[0].entry).toMatchObject({ category: 'ACCOUNT_SELLER', measures: ['NO_NEW_ACCOUNTS'], status: 'ACTIVE', subjectName: '张伟', identifier: expect.stringMatching(/^440305\*{8}/) });
    expect(JSON.stringify(both.body)).not.toMatch(/contributor|legalBasis|认定书/);

    const traditional = await match({ name: '張 偉' });
    expect(traditional.body.hits[0]).toMatchObject({ entryId: ids.zhang, matchType: 'NAME_FUZZY', score: 1, explanation: { reason: 'SAME_NAME', compared: ['张伟', '张伟'] } });
    expect(traditional.body.hits[0].explanation.notes).toEqual(expect.arrayContaining(['traditional/simplified']));

    const homophone = await match({ name: '张玮' });
    expect(homophone.body.hits[0]).toMatchObject({ entryId: ids.zhang, score: 0.92, explanation: { reason: 'HOMOPHONE', pinyin: ['zhang wei', 'zhang wei'] } });

    const latin = await match({ name: 'GARCIA, Maria Jose' });
    expect(latin.body.hits[0]).toMatchObject({ entryId: ids.garcia, matchType: 'NAME_FUZZY' });
    expect(latin.body.hits[0].score).toBeGreaterThanOrEqual(0.95);
    const typo = await match({ name: 'Maria Jose Garsia' });
    expect(typo.body.hits[0]).toMatchObject({ entryId: ids.garcia });
    expect(typo.body.hits[0].explanation.distance).toBeGreaterThan(0);

    expect((await match({ name: '王晓明' })).body.hits[0]).toMatchObject({ entryId: ids.xiaoming, score: 1 });
    expect((await match({ name: '李娜' })).body.hits).toEqual([]);
  });

  it('uses the birth date or the ID number to tell namesakes apart', async () => {
    expect((await match({ name: '张伟', idNumber: OTHER_ZHANG })).body.hits).toEqual([]);
    expect((await match({ name: '张伟', birthDate: '1991-01-01' })).body.hits).toEqual([]);
    expect((await match({ name: '张伟', birthDate: '1990-03-15' })).body.hits).toHaveLength(1);
    expect((await match({ name: 'Maria Jose Garcia', birthDate: '1975-01-20' })).body.hits).toHaveLength(1);
  });

  it('ranks exact hits before fuzzy ones and combines identifiers', async () => {
    const res = await match({ phone: '138 0013 8000', name: '张玮' });
    expect(res.body.hits.map((h: { entryId: string; matchType: string }) => [h.entryId, h.matchType])).toEqual([
      [ids.phone, 'EXACT_PHONE'],
      [ids.zhang, 'NAME_FUZZY'],
    ]);
  });

  it('refuses empty queries and malformed identifiers', async () => {
    expect((await match({})).body.code).toBe('NEGATIVE_LIST_EMPTY_QUERY');
    const bad = await match({ idNumber: '440305199003150011' });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('INVALID_IDENTIFIER');
    expect((await match({ phone: '12345' })).status).toBe(422);
  });

  it('lets an analyst mark a known non-match for the institution, listed, audited and revocable', async () => {
    const marked = await a.request('POST', '/v1/negative-list/non-matches', {
      token: bankB.tokens.ANALYST,
      body: { entryId: ids.zhang, subject: { name: '张玮', birthDate: '1990-03-15' }, reason: '客户为张玮，身份证号不同，非同一人' },
    });
    expect(marked.status).toBe(201);
    expect(marked.body).toMatchObject({ institutionId: bankB.id, entryId: ids.zhang, subject: '张* / 1990-**-**', revokedAt: null });
    expect((await match({ name: '张玮', birthDate: '1990-03-15' })).body.hits).toEqual([]);
    // Only for the institution that marked it, and only for that subject.
    expect((await match({ name: '张玮', birthDate: '1990-03-15' }, bankA.apiKey)).body.hits).toHaveLength(1);
    expect((await match({ name: '张伟', birthDate: '1990-03-15' })).body.hits).toHaveLength(1);

    const byId = await a.request('POST', '/v1/negative-list/non-matches', { token: bankB.tokens.ANALYST, body: { entryId: ids.phone, subject: { phone: '13800138000', name: '赵六' }, reason: '号码已重新分配', endsAt: '2026-12-01T00:00:00Z' } });
    expect(byId.body.subject).toBe('赵* / 138****8000');
    expect((await match({ phone: '13800138000' })).body.hits).toEqual([]);
    clock.set('2026-12-02T00:00:00Z');
    expect((await match({ phone: '13800138000' })).body.hits).toHaveLength(1);
    clock.set('2026-11-21T02:00:00.000Z');

    const list = await a.request('GET', '/v1/negative-list/non-matches', { token: bankB.tokens.ANALYST });
    expect(list.body.map((m: { id: string }) => m.id).sort()).toEqual([marked.body.id, byId.body.id].sort());
    expect((await a.request('GET', '/v1/negative-list/non-matches', { token: bankA.tokens.ANALYST })).body).toEqual([]);
    const audit = await a.request('GET', `/v1/audit?action=negative-list.non-match.marked&subjectId=${marked.body.id}`, { token: await a.adminToken() });
    expect(audit.body.items[0].details).toMatchObject({ entryId: ids.zhang, reason: '客户为张玮，身份证号不同，非同一人' });

    expect((await a.request('POST', `/v1/negative-list/non-matches/${marked.body.id}/revoke`, { token: bankA.tokens.ANALYST, body: { reason: 'x' } })).status).toBe(404);
    const revoked = await a.request('POST', `/v1/negative-list/non-matches/${marked.body.id}/revoke`, { token: bankB.tokens.SUPERVISOR, body: { reason: '复核后认为可能为同一人' } });
    expect(revoked.body).toMatchObject({ revokedAt: expect.any(String), revokeReason: '复核后认为可能为同一人' });
    expect((await match({ name: '张玮', birthDate: '1990-03-15' })).body.hits).toHaveLength(1);
  });

  it('shows a change made through one instance to another on the same database within a second', async () => {
    b = await startTestApp({ databaseUrl: db.url, clock, env: { NEGATIVE_LIST_NAME_THRESHOLD: '0.95' } });
    // The second instance loaded the list at start-up; its threshold is its own.
    expect((await match({ idNumber: ZHANG }, bankB.apiKey, b)).body.hits).toHaveLength(1);
    expect((await match({ name: '张玮' }, bankA.apiKey, b)).body).toMatchObject({ threshold: 0.95, hits: [] });

    const id = makeResidentId({ divisionCode: '440305', birthDate: '2001-02-03', sequence: 9 });
    const created = await a.request('POST', '/v1/negative-list/entries', { token: bankA.tokens.ANALYST, body: entry({ type: 'PERSON', idNumber: id, name: '刘洋' }) });
    expect(created.status).toBe(201);
    const seen = await until(1000, async () => ((await match({ idNumber: id }, bankB.apiKey, b)).body.hits[0]?.entryId as string | undefined));
    expect(seen).toBe(created.body.id);

    const revoked = await b.request('POST', `/v1/negative-list/entries/${created.body.id}/revoke`, { token: bankA.tokens.SUPERVISOR, body: { reason: 'error' } });
    expect(revoked.status).toBe(200);
    const gone = await until(1000, async () => ((await match({ idNumber: id }, bankB.apiKey, a)).body.hits.length === 0 ? true : undefined));
    expect(gone).toBe(true);

    const mark = await a.request('POST', '/v1/negative-list/non-matches', { token: bankB.tokens.ANALYST, body: { entryId: ids.xiaoming, subject: { name: '王晓明', birthDate: '1999-09-09' }, reason: '不同出生日期' } });
    expect(mark.status).toBe(201);
    const suppressed = await until(1000, async () => ((await match({ name: '王晓明', birthDate: '1999-09-09' }, bankB.apiKey, b)).body.hits.length === 0 ? true : undefined));
    expect(suppressed).toBe(true);

    const ndjson = [JSON.stringify({ externalRef: 'X-1', subjectType: 'PHONE', phone: '13600136000', category: 'FRAUD_PHONE', fraudType: 'FAKE_LOAN', legalBasis: '通报' })].join('\n');
    const imported = await a.request('POST', '/v1/negative-list/imports', { apiKey: bankA.apiKey, rawBody: ndjson, headers: { 'content-type': 'application/x-ndjson' } });
    expect(imported.body).toMatchObject({ status: 'COMPLETED', inserted: 1 });
    const viaImport = await until(1000, async () => ((await match({ phone: '13600136000' }, bankB.apiKey, b)).body.hits.length === 1 ? true : undefined));
    expect(viaImport).toBe(true);
  });
});
