import { jest } from '@jest/globals';
import { makeResidentId } from '../../src/domain/identity/national-id-factory.js';
import { makeUscc } from '../../src/domain/identity/uscc.js';
import { ChangeFeedService } from '../../src/infra/messaging/change-feed.service.js';
import { NegativeListMatcher } from '../../src/modules/negative-list/negative-list.matcher.js';
import { OPERATOR_KEY, startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { seedInstitution, type SeededInstitution } from '../support/world.js';

// Starting the service, seeding users (argon2) and loading data take seconds on a busy machine.
jest.setTimeout(60_000);

const T0 = '2026-11-21T02:00:00.000Z'; // 10:00 in Shanghai: year terms run from 22 November 00:00
const person = (seq: number, birthDate = '1990-03-15'): string => makeResidentId({ divisionCode: '440305', birthDate, sequence: seq });

function personEntry(idNumber: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    subject: { type: 'PERSON', idNumber, name: '张伟' },
    category: 'ACCOUNT_SELLER',
    fraudType: 'ORDER_BRUSHING',
    legalBasis: '公安机关认定买卖银行账户',
    legalBasisDocNo: '深公(反诈)认字〔2026〕101号',
    evidenceRef: 'CASE-2026-0001',
    measures: ['NO_NEW_ACCOUNTS', 'NON_COUNTER_SUSPENDED'],
    ...over,
  };
}

describe('negative list: entries, terms, provenance, history, notices and appeals', () => {
  let t: TestApp;
  let bankA: SeededInstitution;
  let bankB: SeededInstitution;
  let regulator: SeededInstitution;
  const clock = new TestClock(T0);
  const events: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    t = await startTestApp({ clock });
    t.app.get(ChangeFeedService).subscribe('negative-list.changes', (payload) => {
      events.push(payload);
    });
    bankA = await seedInstitution(t, 'BANK-A');
    bankB = await seedInstitution(t, 'BANK-B');
    regulator = await seedInstitution(t, 'PBOC-SZ', 'REGULATOR');
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => clock.set(T0));

  const create = (token: string, body: Record<string, unknown>) => t.request('POST', '/v1/negative-list/entries', { token, body });
  const match = (body: Record<string, unknown>, apiKey = bankB.apiKey) => t.request('POST', '/v1/negative-list/match', { apiKey, body });

  describe('entries name one subject by one identifier', () => {
    it('accepts persons (resident ID or foreign document), companies, phones, accounts and devices', async () => {
      const bodies = [
        personEntry(person(1)),
        { ...personEntry(''), subject: { type: 'PERSON', documentNumber: 'E12345678', nationality: 'USA', name: 'John Smith', birthDate: '1985-07-04' }, category: 'FRAUD_SUSPECT', fraudType: 'ONLINE_ROMANCE' },
        { ...personEntry(''), subject: { type: 'ENTITY', uscc: makeUscc({ organisationCodeBody: 'MA000001' }), name: '示例空壳公司' }, category: 'OTHER', fraudType: 'FAKE_INVESTMENT', measures: ['NO_NEW_ACCOUNTS'] },
        { ...personEntry(''), subject: { type: 'PHONE', phone: '+86 139-0013-9000' }, category: 'FRAUD_PHONE', fraudType: 'IMPERSONATING_AUTHORITIES', measures: [] },
        { ...personEntry(''), subject: { type: 'ACCOUNT', bankCode: 'ICBC', accountNumber: '6222 0210 0101 2345 678' }, category: 'CASE_ACCOUNT', fraudType: 'FAKE_LOAN', measures: ['PAYMENT_ACCOUNT_SUSPENDED'] },
        { ...personEntry(''), subject: { type: 'DEVICE', device: 'IMEI:867530012345678' }, category: 'MONEY_MULE', fraudType: 'ONLINE_GAMBLING' },
      ];
      const created = [];
      for (const body of bodies) {
        const res = await create(bankA.tokens.ANALYST, body);
        expect(res.status).toBe(201);
        created.push(res.body);
      }
      expect(created.map((e) => [e.subjectType, e.idKind, e.identifier])).toEqual([
        ['PERSON', 'RESIDENT_ID', expect.stringMatching(/^440305\*{8}\d{3}[\dX]$/)],
        ['PERSON', 'FOREIGN_DOC', 'USA:*****5678'],
        ['ENTITY', 'USCC', expect.stringMatching(/^\w{6}\*+\w{2}$/)],
        ['PHONE', 'PHONE', '139****9000'],
        ['ACCOUNT', 'ACCOUNT', 'ICBC:622202*********5678'],
        ['DEVICE', 'DEVICE', 'imei************5678'],
      ]);
      expect(created.map((e) => e.termBasis)).toEqual(['JOINT_PUNISHMENT_CARD_SELLER', 'OPEN_ENDED', 'OPEN_ENDED', 'OPEN_ENDED', 'OPEN_ENDED', 'OPEN_ENDED']);
      expect(created.every((e) => e.status === 'ACTIVE')).toBe(true);

      expect((await match({ phone: '13900139000' })).body.hits[0]).toMatchObject({ matchType: 'EXACT_PHONE', entryId: created[3].id });
      expect((await match({ account: { bankCode: 'icbc', accountNumber: '6222021001012345678' } })).body.hits[0]).toMatchObject({ matchType: 'EXACT_ACCOUNT', entryId: created[4].id });
      expect((await match({ device: 'imei:867530012345678' })).body.hits[0]).toMatchObject({ matchType: 'EXACT_DEVICE', entryId: created[5].id });
      expect((await match({ foreignDocument: { nationality: 'usa', number: 'e1234-5678' } })).body.hits[0]).toMatchObject({ matchType: 'EXACT_ID', entryId: created[1].id });
    });

    it('rejects invalid identifiers, unknown categories and subjects with two identifiers', async () => {
      const bad = await create(bankA.tokens.ANALYST, personEntry('440305199003150011'));
      expect(bad.status).toBe(422);
      expect(bad.body.code).toBe('INVALID_IDENTIFIER');
      expect((await create(bankA.tokens.ANALYST, personEntry(person(2), { category: 'SPAMMER' }))).status).toBe(400);
      const two = await create(bankA.tokens.ANALYST, { ...personEntry(person(2)), subject: { type: 'PERSON', idNumber: person(2), name: '李娜', phone: '13800138000' } });
      expect(two.status).toBe(400);
      expect(two.body.field).toBe('phone');
      const noName = await create(bankA.tokens.ANALYST, { ...personEntry(person(2)), subject: { type: 'PERSON', idNumber: person(2) } });
      expect(noName.status).toBe(400);
    });
  });

  describe('terms follow the joint punishment measures', () => {
    it('gives 2 years to a card seller, chains a conviction on to 5 years in all, and refuses a sixth year', async () => {
      const id = person(10);
      const first = await create(bankA.tokens.ANALYST, personEntry(id));
      expect(first.body).toMatchObject({ termBasis: 'JOINT_PUNISHMENT_CARD_SELLER', effectiveFrom: T0, expiresAt: '2028-11-21T16:00:00.000Z' });
      clock.set('2027-03-01T00:00:00Z');
      const second = await create(bankB.tokens.ANALYST, personEntry(id, { category: 'CONVICTED_FRAUDSTER' }));
      expect(second.status).toBe(201);
      expect(second.body).toMatchObject({ termBasis: 'JOINT_PUNISHMENT_CONVICTED', effectiveFrom: '2028-11-21T16:00:00.000Z', expiresAt: '2031-11-21T16:00:00.000Z' });
      const third = await create(bankB.tokens.ANALYST, personEntry(id));
      expect(third.status).toBe(422);
      expect(third.body.code).toBe('NEGATIVE_LIST_TERM_CAP_REACHED');
    });

    it('gives 3 years to a convicted person and clips a second conviction at the 5-year cap', async () => {
      const id = person(11);
      const first = await create(bankA.tokens.ANALYST, personEntry(id, { category: 'CONVICTED_FRAUDSTER' }));
      expect(first.body.expiresAt).toBe('2029-11-21T16:00:00.000Z');
      const second = await create(bankA.tokens.ANALYST, personEntry(id, { category: 'CONVICTED_FRAUDSTER' }));
      expect(second.body).toMatchObject({ effectiveFrom: '2029-11-21T16:00:00.000Z', expiresAt: '2031-11-21T16:00:00.000Z' });
    });

    it('lets an entry lapse on time from the clock, before any job runs, and the sweeper then stores it', async () => {
      const id = person(12);
      const e = await create(bankA.tokens.ANALYST, personEntry(id, { expiresAt: '2026-11-22T00:00:00+08:00' }));
      expect(e.body).toMatchObject({ termBasis: 'GIVEN', status: 'ACTIVE' });
      expect((await match({ idNumber: id })).body.hits).toHaveLength(1);
      clock.set('2026-11-21T16:00:00.000Z');
      expect((await match({ idNumber: id })).body.hits).toHaveLength(0);
      const read = await t.request('GET', `/v1/negative-list/entries/${e.body.id}`, { token: bankA.tokens.ANALYST });
      expect(read.body).toMatchObject({ status: 'EXPIRED', version: 1 });
      await t.app.get(NegativeListMatcher).sweep();
      const history = await t.request('GET', `/v1/negative-list/entries/${e.body.id}/history`, { token: bankA.tokens.ANALYST });
      expect(history.body.map((v: { action: string; snapshot: { status: string } }) => [v.action, v.snapshot.status])).toEqual([['CREATED', 'ACTIVE'], ['EXPIRED', 'EXPIRED']]);
      expect(events).toContainEqual({ entryId: e.body.id, version: 2, action: 'EXPIRED' });
    });
  });

  describe('sharing and provenance', () => {
    it('shows contributor, basis and evidence to the contributor, the operator and regulators only', async () => {
      const e = await create(bankA.tokens.ANALYST, personEntry(person(20)));
      const as = async (o: { token?: string; apiKey?: string }) => (await t.request('GET', `/v1/negative-list/entries/${e.body.id}`, o)).body;
      const own = await as({ token: bankA.tokens.ANALYST });
      expect(own.provenance).toMatchObject({ contributorInstitutionId: bankA.id, legalBasis: '公安机关认定买卖银行账户', legalBasisDocNo: '深公(反诈)认字〔2026〕101号', evidenceRef: 'CASE-2026-0001', contributorActorType: 'USER' });
      expect(own.birthDate).toBe('1990-03-15');
      expect((await as({ token: await t.adminToken() })).provenance).not.toBeNull();
      expect((await as({ token: regulator.tokens.ANALYST })).provenance).not.toBeNull();
      const other = await as({ token: bankB.tokens.ANALYST });
      expect(other).toMatchObject({ provenance: null, birthDate: null, category: 'ACCOUNT_SELLER', identifier: expect.stringContaining('****') });
      expect(JSON.stringify(other)).not.toMatch(/CASE-2026-0001|公安机关认定|BANK-A/);
      const otherKey = await as({ apiKey: bankB.apiKey });
      expect(otherKey.provenance).toBeNull();
    });

    it('lets only the contributor or the operator amend or revoke, keeping every version', async () => {
      const e = await create(bankA.tokens.SUPERVISOR, personEntry(person(21)));
      const id = e.body.id;
      const byOther = await t.request('PATCH', `/v1/negative-list/entries/${id}`, { token: bankB.tokens.SUPERVISOR, body: { reason: 'x', fraudType: 'FAKE_LOAN' } });
      expect(byOther.status).toBe(403);
      expect(byOther.body.code).toBe('NEGATIVE_LIST_NOT_CONTRIBUTOR');
      expect((await t.request('POST', `/v1/negative-list/entries/${id}/revoke`, { token: regulator.tokens.ANALYST, body: { reason: 'x' } })).status).toBe(403);
      const amended = await t.request('PATCH', `/v1/negative-list/entries/${id}`, { token: bankA.tokens.SUPERVISOR, body: { reason: 'case file corrected', fraudType: 'FAKE_LOAN', measures: ['NO_NEW_ACCOUNTS'] } });
      expect(amended.status).toBe(200);
      expect(amended.body).toMatchObject({ version: 2, fraudType: 'FAKE_LOAN', measures: ['NO_NEW_ACCOUNTS'] });
      const byOperator = await t.request('POST', `/v1/negative-list/entries/${id}/revoke`, { token: await t.adminToken(), body: { reason: 'listed in error' } });
      expect(byOperator.body).toMatchObject({ version: 3, status: 'REVOKED', statusReason: 'listed in error' });
      expect((await t.request('PATCH', `/v1/negative-list/entries/${id}`, { token: bankA.tokens.SUPERVISOR, body: { reason: 'again', fraudType: 'OTHER' } })).status).toBe(409);

      const own = await t.request('GET', `/v1/negative-list/entries/${id}/history`, { token: bankA.tokens.ANALYST });
      expect(own.body.map((v: { version: number; action: string; reason: string | null }) => [v.version, v.action, v.reason])).toEqual([
        [1, 'CREATED', null],
        [2, 'AMENDED', 'case file corrected'],
        [3, 'REVOKED', 'listed in error'],
      ]);
      expect(own.body[0].snapshot).toMatchObject({ fraudType: 'ORDER_BRUSHING', legalBasis: '公安机关认定买卖银行账户', measures: ['NO_NEW_ACCOUNTS', 'NON_COUNTER_SUSPENDED'] });
      expect(own.body[1].actorId).toBeDefined();
      const others = await t.request('GET', `/v1/negative-list/entries/${id}/history`, { token: bankB.tokens.ANALYST });
      expect(others.body).toHaveLength(3);
      expect(others.body[0].snapshot.legalBasis).toBeUndefined();
      expect(others.body[0].actorId).toBeNull();
      expect(events).toContainEqual({ entryId: id, version: 3, action: 'REVOKED', reason: 'listed in error' });
      expect((await match({ idNumber: person(21) })).body.hits).toHaveLength(0);
    });

    it('reveals identifiers in full only to those who may see provenance, and audits each reveal', async () => {
      const id = person(22);
      const e = await create(bankA.tokens.ANALYST, personEntry(id));
      const own = await t.request('GET', `/v1/negative-list/entries/${e.body.id}?reveal=true`, { token: bankA.tokens.ANALYST });
      expect(own.body).toMatchObject({ identifier: id, identifierRevealed: true });
      const other = await t.request('GET', `/v1/negative-list/entries/${e.body.id}?reveal=true`, { token: bankB.tokens.ANALYST });
      expect(other.body).toMatchObject({ identifierRevealed: false });
      expect(other.body.identifier).not.toBe(id);
      const audit = await t.request('GET', `/v1/audit?action=negative-list.entry.identifier-read&subjectId=${e.body.id}`, { token: await t.adminToken() });
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0]).toMatchObject({ institutionId: bankA.id, actorType: 'USER' });
    });
  });

  describe('notice and appeal', () => {
    it('writes the notice for a person entry as JSON and text', async () => {
      const e = await create(bankA.tokens.ANALYST, personEntry(person(30)));
      const json = await t.request('GET', `/v1/negative-list/entries/${e.body.id}/notice`, { token: bankA.tokens.ANALYST });
      expect(json.status).toBe(200);
      expect(json.body).toMatchObject({
        subject: { name: '张伟', identifier: expect.stringContaining('*') },
        issuer: 'BANK-A institution',
        basis: { text: '公安机关认定买卖银行账户', documentNo: '深公(反诈)认字〔2026〕101号' },
        measures: [{ code: 'NO_NEW_ACCOUNTS', zh: '不得新开账户' }, { code: 'NON_COUNTER_SUSPENDED' }],
        term: { from: T0, to: '2028-11-21T16:00:00.000Z', basis: 'JOINT_PUNISHMENT_CARD_SELLER' },
        appeal: { answerWithinDays: 15 },
      });
      const text = await t.request('GET', `/v1/negative-list/entries/${e.body.id}/notice?format=text`, { token: bankA.tokens.ANALYST });
      expect(text.headers.get('content-type')).toContain('text/plain');
      expect(text.body).toContain('惩戒措施告知书');
      expect(text.body).toContain('至2028-11-22 00:00止');
      expect(text.body).toContain('Right to appeal');
      expect((await t.request('GET', `/v1/negative-list/entries/${e.body.id}/notice`, { token: bankB.tokens.ANALYST })).status).toBe(403);
      const phone = await create(bankA.tokens.ANALYST, { ...personEntry(''), subject: { type: 'PHONE', phone: '13700137000' }, category: 'FRAUD_PHONE' });
      expect((await t.request('GET', `/v1/negative-list/entries/${phone.body.id}/notice`, { token: bankA.tokens.ANALYST })).status).toBe(422);
    });

    it('records an appeal with its deadline; UPHELD revokes the entry and releases it everywhere', async () => {
      const id = person(31);
      const e = await create(bankA.tokens.ANALYST, personEntry(id));
      const filed = await t.request('POST', `/v1/negative-list/entries/${e.body.id}/appeals`, { token: bankB.tokens.ANALYST, body: { grounds: '本人从未出售账户', receivedAt: '2026-11-20T09:00:00+08:00' } });
      expect(filed.status).toBe(201);
      expect(filed.body).toMatchObject({ status: 'OPEN', receivedByInstitutionId: bankB.id, deadlineAt: '2026-12-05T01:00:00.000Z', overdue: false });
      expect((await t.request('GET', `/v1/negative-list/entries/${e.body.id}`, { token: bankA.tokens.ANALYST })).body.status).toBe('UNDER_APPEAL');
      // Under appeal, the listing still applies.
      expect((await match({ idNumber: id })).body.hits[0].entry.status).toBe('UNDER_APPEAL');
      const twice = await t.request('POST', `/v1/negative-list/entries/${e.body.id}/appeals`, { token: bankA.tokens.ANALYST, body: { grounds: 'again' } });
      expect(twice.body.code).toBe('NEGATIVE_LIST_APPEAL_ALREADY_OPEN');

      clock.set('2026-12-06T00:00:00Z');
      const overdue = await t.request('GET', '/v1/negative-list/appeals?overdue=true', { token: bankA.tokens.SUPERVISOR });
      expect(overdue.body.map((a: { id: string }) => a.id)).toContain(filed.body.id);
      expect(overdue.body.find((a: { id: string }) => a.id === filed.body.id).overdue).toBe(true);
      const notReceiver = await t.request('GET', `/v1/negative-list/appeals/${filed.body.id}`, { token: (await seedInstitution(t, 'BANK-C')).tokens.ANALYST });
      expect(notReceiver.status).toBe(404);

      const byReceiver = await t.request('POST', `/v1/negative-list/appeals/${filed.body.id}/decision`, { token: bankB.tokens.SUPERVISOR, body: { outcome: 'UPHELD', reason: 'x' } });
      expect(byReceiver.status).toBe(403);
      const upheld = await t.request('POST', `/v1/negative-list/appeals/${filed.body.id}/decision`, { token: bankA.tokens.SUPERVISOR, body: { outcome: 'UPHELD', reason: '核实为身份被冒用' } });
      expect(upheld.body).toMatchObject({ status: 'UPHELD', decisionReason: '核实为身份被冒用', overdue: false });
      const entry = await t.request('GET', `/v1/negative-list/entries/${e.body.id}`, { token: bankA.tokens.ANALYST });
      expect(entry.body).toMatchObject({ status: 'REVOKED', statusReason: 'appeal upheld: 核实为身份被冒用' });
      expect(events).toContainEqual({ entryId: e.body.id, version: entry.body.version, action: 'REVOKED', reason: 'APPEAL_UPHELD' });
      expect((await match({ idNumber: id })).body.hits).toHaveLength(0);
      const again = await t.request('POST', `/v1/negative-list/appeals/${filed.body.id}/decision`, { token: bankA.tokens.SUPERVISOR, body: { outcome: 'REJECTED', reason: 'x' } });
      expect(again.body.code).toBe('NEGATIVE_LIST_APPEAL_DECIDED');
    });

    it('REJECTED keeps the entry in force', async () => {
      const id = person(32);
      const e = await create(bankA.tokens.ANALYST, personEntry(id));
      const filed = await t.request('POST', `/v1/negative-list/entries/${e.body.id}/appeals`, { apiKey: bankB.apiKey, body: { grounds: '不服' } });
      const rejected = await t.request('POST', `/v1/negative-list/appeals/${filed.body.id}/decision`, { apiKey: undefined, token: await t.adminToken(), body: { outcome: 'REJECTED', reason: '证据充分' } });
      expect(rejected.body.status).toBe('REJECTED');
      expect((await t.request('GET', `/v1/negative-list/entries/${e.body.id}`, { apiKey: OPERATOR_KEY })).body).toMatchObject({ status: 'ACTIVE', version: 3 });
      expect((await match({ idNumber: id })).body.hits).toHaveLength(1);
    });
  });
});
