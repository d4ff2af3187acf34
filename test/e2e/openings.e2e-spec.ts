import { jest } from '@jest/globals';
import { ChangeFeedService } from '../../src/infra/messaging/change-feed.service.js';
import { OPERATOR_KEY, startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { seedInstitution, type SeededInstitution } from '../support/world.js';
import { listEntry, person, personRequest, phone, uniqueResidentId } from './screening-fixtures.js';

jest.setTimeout(30_000);

const DAY = 86_400_000;

/**
 * Opening records, second verification after 30 days (and at once on a high-severity alert),
 * review items, and existing-account bulk loads, through HTTP on PostgreSQL.
 */
describe('opening records and second verification', () => {
  let t: TestApp;
  let bank: SeededInstitution;
  let other: SeededInstitution;
  let admin: string;
  const clock = new TestClock('2026-11-21T02:00:00.000Z');
  let accountNo = 6228480000000000;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { SECOND_VERIFICATION_POLL_SECONDS: '0', RESCREEN_WORKER: 'false' } });
    bank = await seedInstitution(t, 'BANK-O');
    other = await seedInstitution(t, 'BANK-X');
    admin = await t.adminToken();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  }, 30_000);

  const opening = (over: Record<string, unknown> = {}) => {
    accountNo += 1;
    return { bankCode: 'BKO', branchCode: '0101', accountNumber: String(accountNo), accountClass: 'I', holderType: 'PERSON', idNumber: uniqueResidentId(), holderName: '王小明', openedAt: clock.now().toISOString(), ...over };
  };
  const report = (body: Record<string, unknown>, by: SeededInstitution = bank) => t.request('POST', '/v1/account-openings', { apiKey: by.apiKey, body });
  const runDue = async () => (await t.request('POST', '/v1/second-verifications/run', { token: admin })).body;

  describe('opening records', () => {
    it('records an opening that relied on a screening, readable by its bank only', async () => {
      const idNumber = uniqueResidentId();
      const screening = await t.request('POST', '/v1/screenings/account-opening', { apiKey: bank.apiKey, body: personRequest(person({ idNumber, phone: phone(5001) })) });
      const body = opening({ idNumber, screeningId: screening.body.screeningId, phone: phone(5001) });
      const res = await report(body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ bankCode: 'BKO', accountNumber: body.accountNumber, institutionId: bank.id, holderType: 'PERSON', accountClass: 'I', source: 'OPENING', screeningId: screening.body.screeningId, screeningDecision: 'PASS' });
      expect(res.body.holderMasked).toMatch(/^440305\*{8}/);
      expect((await t.request('GET', `/v1/account-openings/BKO/${body.accountNumber}`, { apiKey: bank.apiKey })).status).toBe(200);
      expect((await t.request('GET', `/v1/account-openings/BKO/${body.accountNumber}`, { apiKey: other.apiKey })).status).toBe(404);
      // Reporting again updates, it does not duplicate.
      expect((await report({ ...body, branchCode: '0102' })).body.branchCode).toBe('0102');
    });

    it('refuses bad identifiers (422), a screening of another bank or applicant, and another bank\'s account', async () => {
      const bad = uniqueResidentId();
      expect((await report(opening({ idNumber: bad.slice(0, 17) + (bad[17] === '1' ? '2' : '1') }))).status).toBe(422);
      expect((await report(opening({ openedAt: undefined }))).status).toBe(400);
      // A company without its USCC: the identifier is missing, which is invalid.
      expect((await report(opening({ holderType: 'ENTITY', idNumber: undefined }))).status).toBe(422);

      const theirs = await t.request('POST', '/v1/screenings/account-opening', { apiKey: other.apiKey, body: personRequest(person()) });
      const foreign = await report(opening({ screeningId: theirs.body.screeningId }));
      expect(foreign.status).toBe(422);
      expect(foreign.body.code).toBe('OPENING_SCREENING_INVALID');
      const mine = await t.request('POST', '/v1/screenings/account-opening', { apiKey: bank.apiKey, body: personRequest(person()) });
      expect((await report(opening({ screeningId: mine.body.screeningId }))).body.code).toBe('OPENING_SCREENING_INVALID');

      const taken = opening();
      expect((await report(taken)).status).toBe(201);
      const clash = await report({ ...taken, idNumber: uniqueResidentId() }, other);
      expect(clash.status).toBe(409);
      expect(clash.body.code).toBe('ACCOUNT_OWNED_ELSEWHERE');
    });
  });

  describe('second verification', () => {
    it('verifies each opened account 30 days after opening; an unchanged outcome makes no review item', async () => {
      const clean = opening();
      await report(clean);
      clock.advance(29 * DAY);
      await runDue();
      const pending = await t.request('GET', `/v1/second-verifications?bankCode=BKO&accountNumber=${clean.accountNumber}`, { token: bank.tokens.ANALYST });
      expect(pending.body).toEqual([expect.objectContaining({ trigger: 'SCHEDULED', status: 'PENDING' })]);
      clock.advance(1 * DAY + 60_000);
      const run = await runDue();
      expect(run.verified).toBeGreaterThanOrEqual(1);
      const done = await t.request('GET', `/v1/second-verifications?bankCode=BKO&accountNumber=${clean.accountNumber}`, { token: bank.tokens.ANALYST });
      expect(done.body).toEqual([expect.objectContaining({ status: 'DONE', baselineDecision: 'PASS', decision: 'PASS', changed: false, reviewItemId: null })]);
      // The verification is a stored, explainable screening of its own.
      const screening = await t.request('GET', `/v1/screenings/${done.body[0].screeningId}`, { token: bank.tokens.ANALYST });
      expect(screening.body).toMatchObject({ purpose: 'SECOND_VERIFICATION', decision: 'PASS' });
    });

    it('opens a review item when the outcome changed since opening', async () => {
      const idNumber = uniqueResidentId();
      const screening = await t.request('POST', '/v1/screenings/account-opening', { apiKey: bank.apiKey, body: personRequest(person({ idNumber })) });
      const body = opening({ idNumber, screeningId: screening.body.screeningId });
      await report(body);
      await listEntry(t, OPERATOR_KEY, { type: 'PERSON', idNumber, name: '王小明' }, { category: 'MONEY_MULE', measures: ['NON_COUNTER_SUSPENDED'] });
      clock.advance(30 * DAY + 60_000);
      await runDue();
      const verifications = await t.request('GET', `/v1/second-verifications?bankCode=BKO&accountNumber=${body.accountNumber}`, { token: bank.tokens.ANALYST });
      expect(verifications.body[0]).toMatchObject({ status: 'DONE', baselineDecision: 'PASS', decision: 'REVIEW', changed: true, reviewItemId: expect.any(String) });
      const item = await t.request('GET', `/v1/review-items/${verifications.body[0].reviewItemId}`, { token: bank.tokens.ANALYST });
      expect(item.body).toMatchObject({ kind: 'SECOND_VERIFICATION_CHANGED', status: 'OPEN', bankCode: 'BKO', accountNumber: body.accountNumber, findingCodes: ['NEGATIVE_LIST_PERSON'], details: expect.objectContaining({ baseline: 'PASS', decision: 'REVIEW', trigger: 'SCHEDULED' }) });
      // Another bank cannot see it; the operator can.
      expect((await t.request('GET', `/v1/review-items/${item.body.id}`, { token: other.tokens.ANALYST })).status).toBe(404);
      expect((await t.request('GET', `/v1/review-items/${item.body.id}`, { token: admin })).status).toBe(200);
      // Running again does nothing more.
      expect((await runDue()).verified).toBe(0);
    });

    it('verifies at once the opened accounts of a holder touched by a high-severity alert, not a low one', async () => {
      const idNumber = uniqueResidentId();
      const a = opening({ idNumber });
      const b = opening({ idNumber, bankCode: 'BKX' });
      await report(a);
      await report(b, other);
      const feed = t.app.get(ChangeFeedService);
      await feed.publish('alerts.raised', { alertId: 'alert-low-1', severity: 'MEDIUM', accounts: [{ bankCode: 'BKO', accountNumber: a.accountNumber }] });
      await feed.publish('alerts.raised', { alertId: 'alert-high-1', severity: 'HIGH', accounts: [{ bankCode: 'BKO', accountNumber: a.accountNumber }] });
      await runDue();
      const all = await t.request('GET', '/v1/second-verifications?limit=100', { token: admin });
      const triggered = all.body.filter((v: { trigger: string; triggerRef: string }) => v.trigger === 'ALERT');
      expect(triggered.map((v: { accountNumber: string }) => v.accountNumber).sort()).toEqual([a.accountNumber, b.accountNumber].sort());
      expect(triggered.every((v: { status: string; triggerRef: string }) => v.status === 'DONE' && v.triggerRef === 'alert-high-1')).toBe(true);
      // A bank lists its own verifications only.
      const mine = await t.request('GET', '/v1/second-verifications?limit=100', { token: other.tokens.ANALYST });
      expect(mine.body.every((v: { institutionId: string }) => v.institutionId === other.id)).toBe(true);
    });

    it('is run by hand by the operator only', async () => {
      expect((await t.request('POST', '/v1/second-verifications/run', { token: bank.tokens.ADMIN })).status).toBe(403);
    });
  });

  describe('existing-account loads', () => {
    it('loads NDJSON, reporting the bad rows by number while the good rows land', async () => {
      const ids = [uniqueResidentId(), uniqueResidentId(), uniqueResidentId()];
      const lines = [
        { bankCode: 'BKO', accountNumber: '9100000000000001', holderType: 'PERSON', idNumber: ids[0], holderName: '甲', openedAt: '2019-05-01', accountClass: 'I' },
        { bankCode: 'BKO', accountNumber: '9100000000000002', holderType: 'PERSON', idNumber: '440305199001011230', openedAt: '2019-05-01' },
        'not json',
        { bankCode: 'BKO', accountNumber: '9100000000000003', holderType: 'PERSON', idNumber: ids[1], openedAt: '2019-05-01', colour: 'blue' },
        { bankCode: 'BKO', accountNumber: '9100000000000004', holderType: 'ENTITY', uscc: '91440300MA5FXXXX0X', openedAt: '2019-05-01' },
        { bankCode: 'BKO', accountNumber: '9100000000000005', holderType: 'PERSON', idNumber: ids[2], phone: '+86 139 0000 1111', openedAt: '2020-01-01T09:00:00+08:00' },
      ];
      const rawBody = lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
      const res = await t.request('POST', '/v1/account-loads', { apiKey: bank.apiKey, rawBody, headers: { 'content-type': 'application/x-ndjson' } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: 'ACCOUNT_LOAD', status: 'COMPLETED', rowsRead: 6, rowsAccepted: 2, rowsRejected: 4, inserted: 2 });
      const errors = await t.request('GET', `/v1/account-loads/${res.body.id}/errors`, { apiKey: bank.apiKey });
      expect(errors.body.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
        [2, 'INVALID_RESIDENT_ID'],
        [3, 'MALFORMED_JSON_LINE'],
        [4, 'UNKNOWN_FIELD'],
        [5, 'INVALID_USCC'],
      ]);
      const loaded = await t.request('GET', '/v1/account-openings/BKO/9100000000000005', { apiKey: bank.apiKey });
      expect(loaded.body).toMatchObject({ source: 'LOAD', openedAt: '2020-01-01T01:00:00.000Z' });
      // Another institution's load cannot take over these accounts.
      const takeover = await t.request('POST', '/v1/account-loads', { apiKey: other.apiKey, rawBody: JSON.stringify(lines[0]) + '\n', headers: { 'content-type': 'application/x-ndjson' } });
      expect(takeover.body).toMatchObject({ rowsAccepted: 0, rowsRejected: 1 });
      expect((await t.request('GET', `/v1/account-loads/${res.body.id}`, { apiKey: other.apiKey })).status).toBe(404);
    });

    it('loads CSV with a header, and loaded accounts count in the velocity facts', async () => {
      const idNumber = uniqueResidentId();
      const header = 'bankCode,accountNumber,holderType,idNumber,holderName,openedAt,accountClass';
      const rows = [`BKX,9200000000000001,PERSON,${idNumber},丙,${clock.now().toISOString()},II`, `BKX,9200000000000002,PERSON,${idNumber},丙,${clock.now().toISOString()},III`, `BKX,9200000000000003,PERSON,${idNumber},丙,${clock.now().toISOString()},II`];
      const res = await t.request('POST', '/v1/account-loads', { apiKey: other.apiKey, rawBody: [header, ...rows].join('\n') + '\n', headers: { 'content-type': 'text/csv' } });
      expect(res.body).toMatchObject({ status: 'COMPLETED', rowsAccepted: 3, rowsRejected: 0 });
      const screened = await t.request('POST', '/v1/screenings/account-opening', { apiKey: bank.apiKey, body: personRequest(person({ idNumber })) });
      expect(screened.body.reasons.find((r: { code: string }) => r.code === 'CROSS_BANK_VELOCITY')).toMatchObject({ evidence: { openedOrAppliedElsewhere: 3 } });
      const bad = await t.request('POST', '/v1/account-loads', { apiKey: other.apiKey, rawBody: 'bankCode,accountNumber,shoeSize\n', headers: { 'content-type': 'text/csv' } });
      expect(bad.status).toBe(422);
    });
  });

  describe('review items', () => {
    it('lists an institution\'s items only, with filters and cursor paging; the operator sees all', async () => {
      const shared = phone(660001);
      for (let i = 0; i < 4; i += 1) await t.request('POST', '/v1/screenings/account-opening', { apiKey: bank.apiKey, body: personRequest(person({ phone: shared })) });
      await t.request('POST', '/v1/screenings/account-opening', { apiKey: other.apiKey, body: personRequest(person({ phone: shared })) });
      const mine = await t.request('GET', '/v1/review-items?kind=SCREENING_REVIEW&limit=1', { token: bank.tokens.ANALYST });
      expect(mine.status).toBe(200);
      expect(mine.body.items).toHaveLength(1);
      expect(mine.body.nextCursor).toEqual(expect.any(String));
      const next = await t.request('GET', `/v1/review-items?kind=SCREENING_REVIEW&limit=1&cursor=${mine.body.nextCursor}`, { token: bank.tokens.ANALYST });
      expect(next.body.items[0].id).not.toBe(mine.body.items[0].id);
      const all = await t.request('GET', '/v1/review-items?limit=500', { token: bank.tokens.ANALYST });
      expect(all.body.items.every((i: { institutionId: string }) => i.institutionId === bank.id)).toBe(true);
      const operator = await t.request('GET', '/v1/review-items?limit=500', { token: admin });
      expect(new Set(operator.body.items.map((i: { institutionId: string }) => i.institutionId))).toEqual(new Set([bank.id, other.id]));
      expect((await t.request('GET', '/v1/review-items', { apiKey: bank.apiKey })).status).toBe(403);
    });
  });
});
