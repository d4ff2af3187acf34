import { jest } from '@jest/globals';
import { OPERATOR_KEY, startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { seedInstitution, type SeededInstitution } from '../support/world.js';
import { makeResidentId } from '../../src/domain/identity/national-id-factory.js';
import { codes, listEntry, person, personRequest, phone, uniqueResidentId } from './screening-fixtures.js';

/**
 * Every person rule through HTTP on PostgreSQL, firing and not firing, with the boundary pairs
 * of the default rule set (2026.11.1). The clock stands at 2026-11-21 10:00 in China.
 */
jest.setTimeout(30_000);

describe('account-opening screening of persons', () => {
  let t: TestApp;
  let bank: SeededInstitution;
  let others: SeededInstitution[];
  const clock = new TestClock('2026-11-21T02:00:00.000Z');
  let accountNo = 6222020000000000;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { SECOND_VERIFICATION_POLL_SECONDS: '0', RESCREEN_WORKER: 'false' } });
    bank = await seedInstitution(t, 'BANK-P');
    others = [await seedInstitution(t, 'BANK-Q'), await seedInstitution(t, 'BANK-R'), await seedInstitution(t, 'BANK-S'), await seedInstitution(t, 'BANK-T')];
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  }, 30_000);

  const screen = (applicant: Record<string, unknown>, overrides: Record<string, unknown> = {}, by: SeededInstitution = bank) =>
    t.request('POST', '/v1/screenings/account-opening', { apiKey: by.apiKey, body: personRequest(applicant, overrides) });

  const open = async (by: SeededInstitution, idNumber: string, extra: Record<string, unknown> = {}) => {
    accountNo += 1;
    const res = await t.request('POST', '/v1/account-openings', {
      apiKey: by.apiKey,
      body: { bankCode: by.code.replace(/-/g, ''), branchCode: '0001', accountNumber: String(accountNo), accountClass: 'I', holderType: 'PERSON', idNumber, openedAt: clock.now().toISOString(), ...extra },
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  it('passes a clean applicant with the requested class and stores the screening', async () => {
    const res = await screen(person());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ decision: 'PASS', score: 0, recommendedAccountClass: 'I', reasons: [], ruleSetVersion: '2026.11.1' });
    const got = await t.request('GET', `/v1/screenings/${res.body.screeningId}`, { apiKey: bank.apiKey });
    expect(got.status).toBe(200);
    expect(got.body.applicant.idMasked).toMatch(/^440305\*{8}/);
    expect(JSON.stringify(got.body)).not.toMatch(/"idNumber"/);
    expect(got.body.sources).toEqual({ negativeList: true, registry: true, restrictions: true });
  });

  describe('negative list', () => {
    it('rejects a person listed with NO_NEW_ACCOUNTS and reviews one listed without it', async () => {
      const barred = uniqueResidentId();
      const entry = await listEntry(t, OPERATOR_KEY, { type: 'PERSON', idNumber: barred, name: '赵六' }, { category: 'ACCOUNT_SELLER', measures: ['NO_NEW_ACCOUNTS'] });
      const rejected = await screen(person({ idNumber: barred, name: '赵六' }));
      expect(rejected.body.decision).toBe('REJECT');
      const reason = rejected.body.reasons.find((r: { code: string }) => r.code === 'NEGATIVE_LIST_PERSON');
      expect(reason).toMatchObject({ severity: 'CRITICAL', outcome: 'REJECT', evidence: { entryId: entry.id, matchType: 'EXACT_ID', category: 'ACCOUNT_SELLER' } });
      expect(reason.message.zh).toContain('不得新开账户');
      expect(reason.message.en).toContain('no new accounts');
      expect(rejected.body.recommendedAccountClass).toBeUndefined();

      const suspect = uniqueResidentId();
      await listEntry(t, OPERATOR_KEY, { type: 'PERSON', idNumber: suspect, name: '钱七' });
      const reviewed = await screen(person({ idNumber: suspect, name: '钱七' }));
      expect(reviewed.body.decision).toBe('REVIEW');
      expect(reviewed.body.reasons).toEqual([expect.objectContaining({ code: 'NEGATIVE_LIST_PERSON', outcome: 'REVIEW', severity: 'HIGH' })]);
    });

    it('reviews a fuzzy name hit on a renewed foreign document (same birth date), not an unrelated name', async () => {
      // Foreign documents are renewed under new numbers, so a close name with the same birth date is a candidate.
      const entry = await listEntry(t, OPERATOR_KEY, { type: 'PERSON', documentNumber: 'B1111111', nationality: 'VNM', name: 'Nguyen Van Anh', birthDate: '1980-01-01' });
      const passport = { idType: 'PASSPORT', nationality: 'VNM', birthDate: '1980-01-01' };
      const fuzzy = await screen(person({ ...passport, idNumber: 'C2222222', name: 'Nguyễn Văn Anh' }));
      expect(fuzzy.body.decision).toBe('REVIEW');
      expect(fuzzy.body.reasons[0]).toMatchObject({ code: 'NEGATIVE_LIST_PERSON', outcome: 'REVIEW', severity: 'MEDIUM', evidence: { entryId: entry.id, matchType: 'NAME_FUZZY' } });
      const unrelated = await screen(person({ ...passport, idNumber: 'C3333333', name: 'Tran Thi Lan' }));
      expect(codes(unrelated.body)).not.toContain('NEGATIVE_LIST_PERSON');
      // A resident ID is lifelong: the same name under another resident ID is another person.
      const listedId = makeResidentId({ divisionCode: '110105', birthDate: '1979-03-08', sequence: 11 });
      await listEntry(t, OPERATOR_KEY, { type: 'PERSON', idNumber: listedId, name: '欧阳震华' });
      const other = await screen(person({ idNumber: makeResidentId({ divisionCode: '440305', birthDate: '1979-03-08', sequence: 42 }), name: '歐陽震華' }));
      expect(codes(other.body)).not.toContain('NEGATIVE_LIST_PERSON');
    });

    it('reviews a listed phone or device, and not an unlisted one', async () => {
      const listed = phone(1234);
      await listEntry(t, OPERATOR_KEY, { type: 'PHONE', phone: listed }, { category: 'FRAUD_PHONE' });
      const hit = await screen(person({ phone: `+86 ${listed.slice(0, 3)} ${listed.slice(3)}` }));
      expect(hit.body.reasons).toEqual([expect.objectContaining({ code: 'NEGATIVE_LIST_PHONE', outcome: 'REVIEW' })]);
      expect(codes((await screen(person({ phone: phone(1235) }))).body)).toEqual([]);

      await listEntry(t, OPERATOR_KEY, { type: 'DEVICE', device: 'dev-listed-0001' });
      expect(codes((await screen(person({ deviceId: 'DEV-LISTED-0001' }))).body)).toEqual(['NEGATIVE_LIST_DEVICE']);
      expect(codes((await screen(person({ deviceId: 'dev-listed-0002' }))).body)).toEqual([]);
    });
  });

  it('rejects a person under an active NO_NEW_ACCOUNTS restriction order', async () => {
    const idNumber = uniqueResidentId();
    const order = await t.request('POST', '/v1/restrictions/orders', {
      token: await t.adminToken(),
      body: { target: { type: 'PERSON', idNumber }, level: 'NO_NEW_ACCOUNTS', basis: { type: 'POLICE_ORDER', reference: '深公(刑)字〔2026〕77号' }, expiresAt: '2027-11-21T00:00:00+08:00' },
    });
    expect(order.status).toBe(201);
    const res = await screen(person({ idNumber }));
    expect(res.body.decision).toBe('REJECT');
    expect(res.body.reasons[0]).toMatchObject({ code: 'PERSON_RESTRICTED_NO_NEW_ACCOUNTS', outcome: 'REJECT', evidence: { orderId: order.body.id } });
    expect(codes((await screen(person())).body)).not.toContain('PERSON_RESTRICTED_NO_NEW_ACCOUNTS');
  });

  describe('cross-bank velocity (3 elsewhere in 7 days: review; 5: reject)', () => {
    it('counts openings and applications at other institutions, never naming them', async () => {
      const idNumber = uniqueResidentId();
      await open(others[0]!, idNumber);
      await open(others[1]!, idNumber);
      // The bank's own accounts do not count.
      await open(bank, idNumber);
      const two = await screen(person({ idNumber }));
      expect(codes(two.body)).not.toContain('CROSS_BANK_VELOCITY');

      // An application at a fourth institution without an opening there: the third.
      await screen(person({ idNumber }), {}, others[2]!);
      await screen(person({ idNumber }), {}, others[2]!);
      const three = await screen(person({ idNumber }));
      const reason = three.body.reasons.find((r: { code: string }) => r.code === 'CROSS_BANK_VELOCITY');
      expect(reason).toMatchObject({ outcome: 'REVIEW', evidence: { openedOrAppliedElsewhere: 3, windowDays: 7 } });
      expect(reason.message.en).toBe('3 accounts were opened or applied for with this ID at other institutions in the last 7 days.');
      const text = JSON.stringify(three.body);
      for (const o of others) {
        expect(text).not.toContain(o.id);
        expect(text).not.toContain(o.code);
      }
      const stored = await t.request('GET', `/v1/screenings/${three.body.screeningId}/explain`, { apiKey: bank.apiKey });
      for (const o of others) expect(JSON.stringify(stored.body)).not.toContain(o.id);

      // An opening where the holder had applied replaces the application in the count: 4 ...
      await open(others[3]!, idNumber);
      await open(others[2]!, idNumber);
      const four = await screen(person({ idNumber }));
      expect(four.body.reasons.find((r: { code: string }) => r.code === 'CROSS_BANK_VELOCITY')).toMatchObject({ outcome: 'REVIEW', evidence: { openedOrAppliedElsewhere: 4 } });
      // ... and a fifth account elsewhere rejects.
      await open(others[0]!, idNumber);
      const five = await screen(person({ idNumber }));
      expect(five.body.decision).toBe('REJECT');
      expect(five.body.reasons.find((r: { code: string }) => r.code === 'CROSS_BANK_VELOCITY')).toMatchObject({ outcome: 'REJECT', evidence: { openedOrAppliedElsewhere: 5 } });
    });

    it('forgets openings older than the window', async () => {
      const idNumber = uniqueResidentId();
      for (const o of others.slice(0, 3)) await open(o, idNumber, { openedAt: new Date(clock.now().getTime() - 8 * 86_400_000).toISOString() });
      expect(codes((await screen(person({ idNumber }))).body)).not.toContain('CROSS_BANK_VELOCITY');
    });
  });

  describe('card farming (phone or device: 2 other applicants in 30 days; address: 4)', () => {
    it('reviews a phone used by two other applicants, not by one, and recommends class III', async () => {
      const shared = phone(777001);
      await screen(person({ phone: shared }));
      const one = await screen(person({ phone: shared }));
      expect(codes(one.body)).not.toContain('CARD_FARMING_PHONE');
      const two = await screen(person({ phone: shared }));
      expect(two.body.decision).toBe('REVIEW');
      expect(two.body.reasons).toEqual([expect.objectContaining({ code: 'CARD_FARMING_PHONE', severity: 'MEDIUM', evidence: expect.objectContaining({ otherApplicants: 2, windowDays: 30 }) })]);
      expect(two.body.score).toBe(30);
      expect(two.body.recommendedAccountClass).toBe('III');
      const items = await t.request('GET', `/v1/review-items?screeningId=${two.body.screeningId}`, { token: bank.tokens.ANALYST });
      expect(items.body.items).toEqual([expect.objectContaining({ kind: 'SCREENING_REVIEW', status: 'OPEN', findingCodes: ['CARD_FARMING_PHONE'], subjectType: 'PERSON' })]);
    });

    it('counts opened accounts sharing a device as other applicants', async () => {
      const device = 'dev-farm-00042';
      await open(others[0]!, uniqueResidentId(), { deviceId: device });
      expect(codes((await screen(person({ deviceId: device }))).body)).not.toContain('CARD_FARMING_DEVICE');
      await open(others[1]!, uniqueResidentId(), { deviceId: device });
      expect(codes((await screen(person({ deviceId: device }))).body)).toContain('CARD_FARMING_DEVICE');
    });

    it('reviews an address given by four other applicants, spelled differently, not by three', async () => {
      const spellings = ['广东省深圳市福田区华强北路 1 号', '广东省深圳市福田区华强北路1号', '广东省深圳市福田区华强北路１号', '广东省 深圳市 福田区 华强北路1号'];
      for (const address of spellings.slice(0, 3)) await screen(person({ address }));
      expect(codes((await screen(person({ address: spellings[0] }))).body)).not.toContain('CARD_FARMING_ADDRESS');
      // The fourth screening above was itself an applicant: now four others used the address.
      expect(codes((await screen(person({ address: spellings[3] }))).body)).toContain('CARD_FARMING_ADDRESS');
    });
  });

  describe('age, origin and documents', () => {
    const remote = { channel: 'MOBILE', branchRegionCode: '440305' };

    it('rejects an applicant under 16 and not one who turned 16 today', async () => {
      const fifteen = await screen(person({ idNumber: makeResidentId({ divisionCode: '440305', birthDate: '2010-11-22' }) }));
      expect(fifteen.body.decision).toBe('REJECT');
      expect(codes(fifteen.body)).toContain('AGE_UNDER_16');
      const sixteen = await screen(person({ idNumber: makeResidentId({ divisionCode: '440305', birthDate: '2010-11-21' }) }));
      expect(codes(sixteen.body)).not.toContain('AGE_UNDER_16');
    });

    it('rejects an expired document and not one valid through today', async () => {
      expect((await screen(person({ idExpiry: '2026-11-20' }))).body.reasons).toEqual([expect.objectContaining({ code: 'ID_EXPIRED', outcome: 'REJECT' })]);
      expect(codes((await screen(person({ idExpiry: '2026-11-21' }))).body)).toEqual([]);
      expect(codes((await screen(person({ idExpiry: 'LONG_TERM' }))).body)).toEqual([]);
    });

    it('reviews a young applicant far from home on a remote channel, not at the counter or near home', async () => {
      const young = () => makeResidentId({ divisionCode: '110105', birthDate: '2005-05-05', sequence: Math.floor(Math.random() * 99) });
      const far = await screen(person({ idNumber: young() }), remote);
      expect(far.body.reasons).toEqual([expect.objectContaining({ code: 'YOUNG_REMOTE', evidence: expect.objectContaining({ ageYears: 21, householdProvinceCode: '11', branchProvinceCode: '44' }) })]);
      expect(codes((await screen(person({ idNumber: young() }), { channel: 'COUNTER', branchRegionCode: '440305' })).body)).toEqual([]);
      expect(codes((await screen(person({ idNumber: young() }), { channel: 'MOBILE', branchRegionCode: '110108' })).body)).toEqual([]);
      // 26: outside the band.
      expect(codes((await screen(person({ idNumber: makeResidentId({ divisionCode: '110105', birthDate: '2000-05-05' }) }), remote)).body)).toEqual([]);
    });

    it('reviews an elderly applicant (60+) far from home on a remote channel, not at 59', async () => {
      expect(codes((await screen(person({ idNumber: makeResidentId({ divisionCode: '510104', birthDate: '1966-11-21' }) }), { ...remote, channel: 'ONLINE' })).body)).toEqual(['ELDERLY_REMOTE']);
      expect(codes((await screen(person({ idNumber: makeResidentId({ divisionCode: '510104', birthDate: '1966-11-22' }) }), { ...remote, channel: 'ONLINE' })).body)).toEqual([]);
    });

    it('screens a foreign passport holder with nationality and birth date', async () => {
      const res = await screen(person({ idType: 'PASSPORT', idNumber: 'E12345678', nationality: 'USA', birthDate: '1990-01-31', name: 'John Smith' }));
      expect(res.status).toBe(201);
      expect(res.body.decision).toBe('PASS');
      const missing = await screen(person({ idType: 'PASSPORT', idNumber: 'E12345679', name: 'Jane Doe' }));
      expect(missing.status).toBe(400);
    });
  });

  describe('idempotency and validation', () => {
    it('answers a repeated requestId with the first result, even after the facts changed', async () => {
      const idNumber = uniqueResidentId();
      const body = personRequest(person({ idNumber }));
      const first = await t.request('POST', '/v1/screenings/account-opening', { apiKey: bank.apiKey, body });
      await listEntry(t, OPERATOR_KEY, { type: 'PERSON', idNumber, name: '王小明' }, { measures: ['NO_NEW_ACCOUNTS'] });
      const again = await t.request('POST', '/v1/screenings/account-opening', { apiKey: bank.apiKey, body });
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.headers.get('screening-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      // The same request id at another institution is another screening.
      const elsewhere = await t.request('POST', '/v1/screenings/account-opening', { apiKey: others[0]!.apiKey, body });
      expect(elsewhere.status).toBe(201);
      expect(elsewhere.body.decision).toBe('REJECT');
    });

    it('stores one screening and one review item when the same request arrives many times at once', async () => {
      const idNumber = uniqueResidentId();
      await listEntry(t, OPERATOR_KEY, { type: 'PERSON', idNumber, name: '王小明' });
      const body = personRequest(person({ idNumber }));
      const answers = await Promise.all(Array.from({ length: 8 }, () => t.request('POST', '/v1/screenings/account-opening', { apiKey: bank.apiKey, body })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.body.screeningId)).size).toBe(1);
      expect(answers[0]!.body.decision).toBe('REVIEW');
      // Requests that lost the race to store leave no review item behind.
      const stored = (await t.database.dataSource.query(
        `SELECT (SELECT count(*)::int FROM screenings WHERE institution_id = $1 AND request_id = $2) AS screenings,
                (SELECT count(*)::int FROM review_items WHERE institution_id = $1 AND details->>'requestId' = $2) AS items`,
        [bank.id, body.requestId],
      )) as Array<{ screenings: number; items: number }>;
      expect(stored).toEqual([{ screenings: 1, items: 1 }]);
      const items = await t.request('GET', `/v1/review-items?screeningId=${answers[0]!.body.screeningId}`, { token: bank.tokens.ANALYST });
      expect(items.body.items).toEqual([expect.objectContaining({ kind: 'SCREENING_REVIEW', findingCodes: ['NEGATIVE_LIST_PERSON'] })]);
    });

    it('answers 422 for an invalid identifier and 400 for other invalid fields', async () => {
      const id = uniqueResidentId();
      const badCheck = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
      for (const applicant of [person({ idNumber: badCheck }), person({ idNumber: '440305' + '20251301' + '0011' }), person({ phone: '12345' })]) {
        const res = await screen(applicant);
        expect(res.status).toBe(422);
        expect(res.body.code).toBe('INVALID_IDENTIFIER');
      }
      const noClass = await t.request('POST', '/v1/screenings/account-opening', { apiKey: bank.apiKey, body: { ...personRequest(person()), requestedAccountClass: undefined } });
      expect(noClass.status).toBe(400);
      expect((await screen(person({ idExpiry: '2026-02-30' }))).status).toBe(400);
      expect((await screen(person(), { channel: 'FAX' })).status).toBe(400);
      // An applicant of no known type, or no object at all, is refused, never screened.
      for (const applicant of [{}, [], { type: 'OTHER', name: '王小明' }, 'PERSON']) {
        const res = await t.request('POST', '/v1/screenings/account-opening', { apiKey: bank.apiKey, body: { ...personRequest(person()), applicant } });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('admits API keys with the screening scope and staff, and keeps screenings to their institution', async () => {
      const res = await screen(person());
      expect((await t.request('POST', '/v1/screenings/account-opening', { token: bank.tokens.ANALYST, body: personRequest(person()) })).status).toBe(201);
      expect((await t.request('GET', `/v1/screenings/${res.body.screeningId}`, { apiKey: others[0]!.apiKey })).status).toBe(404);
      expect((await t.request('GET', `/v1/screenings/${res.body.screeningId}`, { token: others[0]!.tokens.ANALYST })).status).toBe(404);
      expect((await t.request('GET', `/v1/screenings/${res.body.screeningId}`, { token: await t.adminToken() })).status).toBe(200);
    });
  });
});
