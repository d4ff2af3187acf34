import { RescreenService } from '../../src/modules/openings/rescreen/rescreen.service.js';
import { ReviewItemsService } from '../../src/modules/review-items/review-items.service.js';
import { aTransfer, anAccount, resetTransferIds, T0 } from '../support/builders/transfer.builder.js';
import { OPERATOR_KEY, startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { seedInstitution, type SeededInstitution } from '../support/world.js';
import { listEntry, person, personRequest, phone, uniqueResidentId } from './screening-fixtures.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
/** The institution code is the bank code: accounts under it belong to this bank. */
const BANK = 'BKC101';
const OTHER = 'BKC202';

/**
 * Cases opened by the real sources, through their own APIs: a screening in REVIEW, a second
 * verification whose outcome changed, a rescreen hit, and a transfer alert.
 */
describe('compliance cases from every source', () => {
  let t: TestApp;
  let bank: SeededInstitution;
  let other: SeededInstitution;
  let admin: string;
  const clock = new TestClock('2025-03-03T02:00:00.000Z');
  let accountNo = 6228481000000000;

  const casesOf = async (query: string) => (await t.request('GET', `/v1/cases?limit=500&${query}`, { token: bank.tokens.ANALYST })).body.items as Array<Record<string, any>>;
  const opening = (over: Record<string, unknown> = {}) => {
    accountNo += 1;
    return { bankCode: BANK, branchCode: '0101', accountNumber: String(accountNo), accountClass: 'I', holderType: 'PERSON', idNumber: uniqueResidentId(), holderName: '王小明', openedAt: clock.now().toISOString(), ...over };
  };

  beforeAll(async () => {
    // MEDIUM alerts open cases here (the default floor is HIGH), so the plain FAN_IN pattern is enough.
    t = await startTestApp({ clock, env: { CASE_ALERT_MIN_SEVERITY: 'MEDIUM', SECOND_VERIFICATION_POLL_SECONDS: '0', RESCREEN_WORKER: 'false' } });
    bank = await seedInstitution(t, BANK);
    other = await seedInstitution(t, OTHER);
    admin = await t.adminToken();
  }, 90_000);
  afterAll(async () => t?.close(), 30_000);

  it('opens a PERSON case when an account-opening screening ends in REVIEW', async () => {
    const shared = phone(7001);
    const decisions: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const res = await t.request('POST', '/v1/screenings/account-opening', { apiKey: bank.apiKey, body: personRequest(person({ phone: shared })) });
      expect(res.status).toBe(201);
      decisions.push(res.body.decision);
    }
    expect(decisions).toContain('REVIEW');
    // The review items exist with the screenings; the hand-off worker opens their cases just after.
    await t.app.get(ReviewItemsService).drain();
    const cases = await casesOf('source=SCREENING');
    expect(cases.length).toBe(decisions.filter((d) => d === 'REVIEW').length);
    const c = cases[0]!;
    expect(c).toMatchObject({ subject: { type: 'PERSON', name: '王小明' }, sources: ['SCREENING'], status: 'OPEN' });
    expect(c.findingCodes.join(',')).toMatch(/CARD_FARMING_PHONE/);
    const detail = await t.request('GET', `/v1/cases/${c.id}`, { token: bank.tokens.ANALYST });
    expect(detail.body.items[0].evidence).toMatchObject({ kind: 'SCREENING_REVIEW', screeningId: expect.any(String) });
    // The masked ID number still tells the region and sex; the number itself is not stored.
    const profile = await t.request('GET', `/v1/cases/${c.id}/profile`, { token: bank.tokens.ANALYST });
    expect(profile.body.person).toMatchObject({ region: { province: '广东省' }, sex: expect.stringMatching(/^(MALE|FEMALE)$/) });
    expect(profile.body.listEntries).toEqual({ available: true, items: [] });
    // The other bank sees none of it.
    expect((await t.request('GET', '/v1/cases?source=SCREENING', { token: other.tokens.ANALYST })).body.total).toBe(0);
  });

  it('opens a case when a second verification changes the outcome', async () => {
    const idNumber = uniqueResidentId();
    const screening = await t.request('POST', '/v1/screenings/account-opening', { apiKey: bank.apiKey, body: personRequest(person({ idNumber })) });
    expect(screening.body.decision).toBe('PASS');
    const body = opening({ idNumber, screeningId: screening.body.screeningId });
    expect((await t.request('POST', '/v1/account-openings', { apiKey: bank.apiKey, body })).status).toBe(201);
    const entry = await listEntry(t, OPERATOR_KEY, { type: 'PERSON', idNumber, name: '王小明' }, { category: 'MONEY_MULE', measures: ['NON_COUNTER_SUSPENDED'] });
    clock.advance(30 * DAY + MIN);
    await t.request('POST', '/v1/second-verifications/run', { token: admin });
    const cases = await casesOf('source=SECOND_VERIFICATION');
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ subject: { type: 'PERSON' }, findingCodes: ['NEGATIVE_LIST_PERSON'] });
    const detail = await t.request('GET', `/v1/cases/${cases[0]!.id}`, { token: bank.tokens.ANALYST });
    expect(detail.body.items[0].evidence).toMatchObject({ kind: 'SECOND_VERIFICATION_CHANGED', baseline: 'PASS', decision: 'REVIEW' });
    // The profile shows the list entry that changed the outcome.
    const profile = await t.request('GET', `/v1/cases/${cases[0]!.id}/profile`, { token: bank.tokens.ANALYST });
    expect(profile.body.listEntries.items.map((e: { id: string }) => e.id)).toContain(entry.id);
    expect(profile.body.accounts).toEqual({ total: 1, institutions: 1 });
  });

  it('opens an ACCOUNT case for an existing account hit by a rescreen', async () => {
    const idNumber = uniqueResidentId();
    const acct = opening({ idNumber });
    await t.request('POST', '/v1/account-openings', { apiKey: bank.apiKey, body: acct });
    await listEntry(t, OPERATOR_KEY, { type: 'PERSON', idNumber, name: '王小明' }, { category: 'ACCOUNT_SELLER', measures: ['NO_NEW_ACCOUNTS'] });
    const job = await t.request('POST', '/v1/rescreen-jobs', { token: admin, body: { kind: 'FULL' } });
    expect(job.status).toBe(201);
    const rescreen = t.app.get(RescreenService);
    while (await rescreen.runNext()) {
      /* run every queued job to the end */
    }
    // Rescreen hits reach cases through the review-item hand-off, after the job's transactions.
    await t.app.get(ReviewItemsService).drain();
    const cases = await casesOf('source=RESCREEN');
    const mine = cases.find((c) => c.subject.display === `${BANK} ${acct.accountNumber.slice(0, 6)}${'*'.repeat(acct.accountNumber.length - 10)}${acct.accountNumber.slice(-4)}`);
    expect(mine).toMatchObject({ subject: { type: 'ACCOUNT' }, priority: 'HIGH', findingCodes: ['RESCREEN_HOLDER'] });
    const detail = await t.request('GET', `/v1/cases/${mine!.id}`, { token: bank.tokens.ANALYST });
    // The listing itself starts an incremental rescreen, which may find the hit before the full job does.
    expect(detail.body.items[0].evidence).toMatchObject({ kind: 'RESCREEN_HIT', jobId: expect.stringMatching(/^[0-9a-f-]{36}$/), holder: expect.stringMatching(/\*{8}/) });
    // A second full rescreen finds the same hit: the same review item, so no new case item.
    await t.request('POST', '/v1/rescreen-jobs', { token: admin, body: { kind: 'FULL' } });
    while (await rescreen.runNext()) {
      /* again */
    }
    await t.app.get(ReviewItemsService).drain();
    expect((await t.request('GET', `/v1/cases/${mine!.id}`, { token: bank.tokens.ANALYST })).body.itemCount).toBe(1);
  });

  it('opens an ACCOUNT case from a transfer alert at or above the configured severity', async () => {
    resetTransferIds(1, 'casefanin');
    const collector = anAccount(900, BANK);
    const send = (i: number) => aTransfer().from(anAccount(300 + i, OTHER)).to(collector).amount('600.00').at(T0 + 40 * DAY + i * 2 * MIN).build();
    const res = await t.request('POST', '/v1/transfers', { apiKey: other.apiKey, body: { events: Array.from({ length: 10 }, (_, i) => send(i)) } });
    expect(res.body.accepted).toBe(10);
    const cases = await casesOf('source=ALERT');
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ subject: { type: 'ACCOUNT' }, findingCodes: ['FAN_IN'], priority: 'MEDIUM' });
    expect(cases[0]!.subject.display).toContain(BANK);
    const detail = await t.request('GET', `/v1/cases/${cases[0]!.id}`, { token: bank.tokens.ANALYST });
    expect(detail.body.items[0].evidence).toMatchObject({ alertId: expect.any(String), aggregates: expect.objectContaining({ distinctSenders: 10 }) });
    // The senders' bank gets no case about the collector.
    expect((await t.request('GET', '/v1/cases?source=ALERT', { token: other.tokens.ANALYST })).body.total).toBe(0);
    // The profile shows the alert, the transfers it names as evidence and the counterparties,
    // as masked accounts only.
    const profile = await t.request('GET', `/v1/cases/${cases[0]!.id}/profile`, { token: bank.tokens.ANALYST });
    expect(profile.body.alerts.items).toEqual([expect.objectContaining({ detector: 'FAN_IN', severity: 'MEDIUM' })]);
    expect(profile.body.transfers.items).toHaveLength(10);
    expect(profile.body.transfers.items.every((x: { direction: string; amount: string }) => x.direction === 'IN' && x.amount === '600.00')).toBe(true);
    expect(profile.body.counterparties.items).toHaveLength(10);
    expect(profile.body.counterparties.items[0]).toMatchObject({ inFen: 60000, outFen: 0, count: 1, label: expect.stringContaining(OTHER) });
    expect(JSON.stringify(profile.body)).not.toContain(anAccount(300, OTHER).accountNumber);
  });
});
