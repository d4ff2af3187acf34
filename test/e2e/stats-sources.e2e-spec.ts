import { RescreenService } from '../../src/modules/openings/rescreen/rescreen.service.js';
import { ReviewItemsService } from '../../src/modules/review-items/review-items.service.js';
import { aTransfer, anAccount, resetTransferIds, T0 } from '../support/builders/transfer.builder.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { seedInstitution, type SeededInstitution } from '../support/world.js';
import { person, personRequest, uniqueResidentId } from './screening-fixtures.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const BANK = 'BKS101';
const OTHER = 'BKS202';

/**
 * The figures other modules feed, seeded through their own APIs: screenings, openings blocked,
 * second verifications, the review of existing accounts, alerts, and restrictions.
 */
describe('GET /v1/stats over every source module', () => {
  let t: TestApp;
  let bank: SeededInstitution;
  let other: SeededInstitution;
  let admin: string;
  const clock = new TestClock('2025-03-03T02:00:00.000Z');
  const from = new Date(clock.now().getTime() - DAY).toISOString();
  // The rescreen job stamps its completion with the wall clock, not the test clock, so the period
  // reaches past both.
  const period = `from=${encodeURIComponent(from)}&to=2030-01-01T00:00:00Z`;
  const accounts = ['6228482000000001', '6228482000000002'];

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { SECOND_VERIFICATION_POLL_SECONDS: '0', RESCREEN_WORKER: 'false' } });
    bank = await seedInstitution(t, BANK);
    other = await seedInstitution(t, OTHER);
    admin = await t.adminToken();

    // Screenings at the bank: two adults pass, a 12-year-old is refused (an opening blocked).
    for (const applicant of [person(), person(), person({ idNumber: uniqueResidentId(2013) })]) {
      const res = await t.request('POST', '/v1/screenings/account-opening', { apiKey: bank.apiKey, body: personRequest(applicant) });
      expect(res.status).toBe(201);
    }
    // Two accounts opened; each is verified again 30 days on.
    for (const accountNumber of accounts) {
      const res = await t.request('POST', '/v1/account-openings', {
        apiKey: bank.apiKey,
        body: { bankCode: BANK, branchCode: '0101', accountNumber, accountClass: 'I', holderType: 'PERSON', idNumber: uniqueResidentId(), holderName: '王小明', openedAt: clock.now().toISOString() },
      });
      expect(res.status).toBe(201);
    }
    // One collection account at the bank draws FAN_IN (ten senders at the other bank).
    resetTransferIds(1, 'statsfanin');
    const collector = anAccount(900, BANK);
    const events = Array.from({ length: 10 }, (_, i) => aTransfer().from(anAccount(500 + i, OTHER)).to(collector).amount('600.00').at(T0 + i * 2 * MIN).build());
    expect((await t.request('POST', '/v1/transfers', { apiKey: other.apiKey, body: { events } })).body.accepted).toBe(10);
    // A referral on the first account, decided RESTRICT (limited non-counter, 90 days).
    const referral = await t.request('POST', '/v1/cases/referrals', { token: bank.tokens.ANALYST, body: { subject: { type: 'ACCOUNT', bankCode: BANK, accountNumber: accounts[0] }, severity: 'HIGH', summary: 'Customer seen handing the card to a stranger.' } });
    const decision = await t.request('POST', `/v1/cases/${referral.body.caseId}/decisions`, { token: bank.tokens.ANALYST, body: { kind: 'RESTRICT', reason: 'Card handed over', restriction: { level: 'LIMITED_NON_COUNTER', termDays: 90 } } });
    expect(decision.body).toMatchObject({ status: 'APPLIED', outcome: { restriction: { status: 'ACTIVE', level: 'LIMITED_NON_COUNTER' } } });

    clock.advance(30 * DAY + MIN);
    await t.request('POST', '/v1/second-verifications/run', { token: admin });
    // A full review of existing accounts.
    expect((await t.request('POST', '/v1/rescreen-jobs', { token: admin, body: { kind: 'FULL' } })).status).toBe(201);
    const rescreen = t.app.get(RescreenService);
    while (await rescreen.runNext()) {
      /* to the end */
    }
    await t.app.get(ReviewItemsService).drain();
    // Periods end before "now"; let a minute pass so what just happened is inside.
    clock.advance(MIN);
  }, 120_000);
  afterAll(async () => t?.close(), 30_000);

  it('counts each source for the bank', async () => {
    const s = await t.request('GET', `/v1/stats?${period}`, { token: bank.tokens.SUPERVISOR });
    expect(s.status).toBe(200);
    expect(s.body.pending).toEqual([]);
    expect(s.body.screenings).toEqual({ total: 3, byDecision: { PASS: 2, REVIEW: 0, REJECT: 1 } });
    expect(s.body.openingsBlocked).toBe(1);
    expect(s.body.secondVerifications).toEqual({ total: 2, changed: 0 });
    expect(s.body.accountsReviewed).toBe(2);
    expect(s.body.alerts).toEqual({ total: 1, bySeverity: { LOW: 0, MEDIUM: 1, HIGH: 0, CRITICAL: 0 }, byDetector: [{ key: 'FAN_IN', total: 1, by: { LOW: 0, MEDIUM: 1, HIGH: 0, CRITICAL: 0 } }] });
    expect(s.body.restrictions).toEqual({
      accountsByLevel: { ENHANCED_MONITORING: 0, LIMITED_NON_COUNTER: 1, NON_COUNTER_SUSPENDED: 0, RECEIVE_ONLY: 0, FROZEN: 0 },
      accountsRestricted: 1,
      personsRestricted: 1,
    });
    expect(s.body.cases.byResolution.RESTRICT).toBe(1);
    expect(s.body.perInstitution).toEqual([expect.objectContaining({ code: BANK, queries: 5, alerts: 1 })]);
  });

  it('gives the other bank none of it, and the operator the sum with a row per bank', async () => {
    const mine = await t.request('GET', `/v1/stats?${period}`, { token: other.tokens.SUPERVISOR });
    expect(mine.body).toMatchObject({ screenings: { total: 0 }, openingsBlocked: 0, accountsReviewed: 0, alerts: { total: 0 }, restrictions: { accountsRestricted: 0, personsRestricted: 0 } });
    const all = await t.request('GET', `/v1/stats?${period}`, { token: admin });
    expect(all.body).toMatchObject({ screenings: { total: 3 }, alerts: { total: 1 }, accountsReviewed: 2, restrictions: { accountsRestricted: 1 } });
    const rows = all.body.perInstitution as Array<{ code: string; queries: number; alerts: number }>;
    expect(rows.find((r) => r.code === BANK)).toMatchObject({ queries: 5, alerts: 1 });
    expect(rows.find((r) => r.code === OTHER)).toMatchObject({ queries: 0, alerts: 0 });
  });
});
