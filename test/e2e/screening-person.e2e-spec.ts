import { OPERATOR_KEY, startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { seedInstitution, type SeededInstitution } from '../support/world.js';
import { codes, listEntry, person, personRequest, phone, uniqueResidentId } from './screening-fixtures.js';

describe('account-opening screening of persons', () => {
  let t: TestApp;
  let bank: SeededInstitution;
  const clock = new TestClock('2026-11-21T02:00:00.000Z');

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { SECOND_VERIFICATION_POLL_SECONDS: '0', RESCREEN_WORKER: 'false' } });
    bank = await seedInstitution(t, 'BANK-P');
  });
  afterAll(async () => {
    await t.close();
  });

  const screenPerson = (applicant: Record<string, unknown>, overrides: Record<string, unknown> = {}) =>
    t.request('POST', '/v1/screenings/account-opening', { apiKey: bank.apiKey, body: personRequest(applicant, overrides) });

  it('passes a clean applicant with the requested class and stores the screening', async () => {
    const res = await screenPerson(person());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ decision: 'PASS', score: 0, recommendedAccountClass: 'I', reasons: [], ruleSetVersion: expect.any(String) });
    const got = await t.request('GET', `/v1/screenings/${res.body.screeningId}`, { apiKey: bank.apiKey });
    expect(got.status).toBe(200);
    expect(got.body.applicant.idMasked).toMatch(/^440305\*{8}/);
    expect(got.body.sources).toEqual({ negativeList: true, registry: true, restrictions: true });
  });

  it('rejects a person listed with NO_NEW_ACCOUNTS and reviews one listed without it', async () => {
    const barred = uniqueResidentId();
    const entry = await listEntry(t, OPERATOR_KEY, { type: 'PERSON', idNumber: barred, name: '赵六' }, { category: 'ACCOUNT_SELLER', measures: ['NO_NEW_ACCOUNTS'] });
    const rejected = await screenPerson(person({ idNumber: barred, name: '赵六' }));
    expect(rejected.body.decision).toBe('REJECT');
    expect(rejected.body.reasons[0]).toMatchObject({ code: 'NEGATIVE_LIST_PERSON', severity: 'CRITICAL', outcome: 'REJECT', evidence: { entryId: entry.id, matchType: 'EXACT_ID' } });
    expect(rejected.body.reasons[0].message.zh).toContain('不得新开账户');
    expect(rejected.body.recommendedAccountClass).toBeUndefined();

    const suspect = uniqueResidentId();
    await listEntry(t, OPERATOR_KEY, { type: 'PERSON', idNumber: suspect, name: '钱七' });
    const reviewed = await screenPerson(person({ idNumber: suspect, name: '钱七' }));
    expect(reviewed.body.decision).toBe('REVIEW');
    expect(codes(reviewed.body)).toContain('NEGATIVE_LIST_PERSON');
  });

  it('reviews a phone on the negative list', async () => {
    const listed = phone(1234);
    await listEntry(t, OPERATOR_KEY, { type: 'PHONE', phone: listed }, { category: 'FRAUD_PHONE' });
    const res = await screenPerson(person({ phone: `+86 ${listed}` }));
    expect(codes(res.body)).toContain('NEGATIVE_LIST_PHONE');
    const clean = await screenPerson(person({ phone: phone(1235) }));
    expect(codes(clean.body)).not.toContain('NEGATIVE_LIST_PHONE');
  });

  it('answers a repeated requestId with the first result', async () => {
    const body = personRequest(person());
    const first = await t.request('POST', '/v1/screenings/account-opening', { apiKey: bank.apiKey, body });
    const again = await t.request('POST', '/v1/screenings/account-opening', { apiKey: bank.apiKey, body });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
  });

  it('answers 422 for a resident ID with a bad check character', async () => {
    const id = uniqueResidentId();
    const bad = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    const res = await screenPerson(person({ idNumber: bad }));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('INVALID_IDENTIFIER');
  });
});
