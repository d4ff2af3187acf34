import { makeResidentId } from '../../src/domain/identity/national-id-factory.js';
import { CasesService } from '../../src/modules/cases/cases.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { seedInstitution, type SeededInstitution } from '../support/world.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Known data in, known figures out: every count below follows from what this file seeds, so a
 * wrong join or a missed tenant filter shows as a wrong number.
 */
describe('GET /v1/stats against seeded data', () => {
  let t: TestApp;
  let a: SeededInstitution;
  let b: SeededInstitution;
  const clock = new TestClock('2026-11-10T02:00:00.000Z');
  let n = 0;
  let periodFrom: string;

  const attach = (inst: SeededInstitution, account: string, findingCodes: string[], source: 'ALERT' | 'SCREENING', severity: 'HIGH' | 'CRITICAL' | 'MEDIUM' | 'LOW') =>
    t.app.get(CasesService).attachItem({
      institutionId: inst.id,
      subject: { type: 'ACCOUNT', key: `B001:${account}`, display: `B001 ${account.slice(-4)}` },
      source,
      sourceId: `s-${++n}`,
      severity,
      findingCodes,
      summary: findingCodes.join(', ') || 'referral',
      occurredAt: clock.now(),
    });
  const decide = (inst: SeededInstitution, caseId: string, kind: string) =>
    t.request('POST', `/v1/cases/${caseId}/decisions`, { token: inst.tokens.ANALYST, body: { kind, reason: `${kind} after review` } });
  const listEntry = (inst: SeededInstitution, seq: number, category: string) =>
    t.request('POST', '/v1/negative-list/entries', {
      token: inst.tokens.SUPERVISOR,
      body: {
        subject: { type: 'PERSON', idNumber: makeResidentId({ divisionCode: '310101', birthDate: '1988-08-08', sequence: seq, sex: 'FEMALE' }), name: `测试${seq}` },
        category,
        fraudType: 'FAKE_INVESTMENT',
        legalBasis: 'Police designation notice',
        measures: ['NO_NEW_ACCOUNTS'],
      },
    });

  beforeAll(async () => {
    t = await startTestApp({ clock });
    a = await seedInstitution(t, 'STATS-A');
    b = await seedInstitution(t, 'STATS-B');

    // Before the period: one case at A, closed NO_ACTION; it counts in stocks, not in flows.
    const early = await attach(a, '6222000000000001', ['FAN_IN'], 'ALERT', 'HIGH');
    await decide(a, early.caseId!, 'NO_ACTION');
    clock.advance(5 * DAY);
    periodFrom = clock.now().toISOString();

    // In the period, at A: four cases.
    const c1 = await attach(a, '6222000000000002', ['FAN_IN'], 'ALERT', 'CRITICAL');
    await attach(a, '6222000000000002', ['CROSS_BANK_VELOCITY'], 'SCREENING', 'MEDIUM');
    const c2 = await attach(a, '6222000000000003', ['FAN_IN'], 'ALERT', 'HIGH');
    const c3 = await attach(a, '6222000000000004', ['CROSS_BANK_VELOCITY'], 'SCREENING', 'LOW');
    await attach(a, '6222000000000005', ['YOUNG_REMOTE'], 'SCREENING', 'LOW');
    await decide(a, c1.caseId!, 'FALSE_POSITIVE'); // FAN_IN: FP; CROSS_BANK_VELOCITY: FP
    await decide(a, c2.caseId!, 'NO_ACTION'); // FAN_IN: not FP
    await decide(a, c3.caseId!, 'REPORT_TO_POLICE'); // CROSS_BANK_VELOCITY: not FP
    // Below the alert threshold: not a case.
    await attach(a, '6222000000000006', ['NIGHT_BURST'], 'ALERT', 'MEDIUM');

    // At B: one CRITICAL case, left open until it is overdue.
    await attach(b, '6222000000000007', ['CASH_OUT_MULTI'], 'ALERT', 'CRITICAL');

    // The shared negative list: three entries (two from A, one from B), one revoked; one appeal at A.
    const e1 = await listEntry(a, 1, 'ACCOUNT_SELLER');
    expect(e1.status).toBe(201);
    await listEntry(a, 2, 'MONEY_MULE');
    const e3 = await listEntry(b, 3, 'ACCOUNT_SELLER');
    expect((await t.request('POST', `/v1/negative-list/entries/${e3.body.id}/revoke`, { token: b.tokens.SUPERVISOR, body: { reason: 'Designation withdrawn' } })).status).toBe(200);
    const appeal = await t.request('POST', `/v1/negative-list/entries/${e1.body.id}/appeals`, { token: a.tokens.ANALYST, body: { grounds: 'The card was stolen, not sold.' } });
    expect(appeal.status).toBe(201);

    clock.advance(30 * DAY);
  }, 90_000);
  afterAll(async () => t?.close(), 30_000);

  const stats = (token: string, query = '') => t.request('GET', `/v1/stats?from=${encodeURIComponent(periodFrom)}${query}`, { token });

  it('gives a bank its own figures for the period', async () => {
    const s = await stats(a.tokens.ANALYST);
    expect(s.status).toBe(200);
    expect(s.body.institutionId).toBe(a.id);
    expect(s.body.period).toEqual({ from: periodFrom, to: clock.now().toISOString() });
    expect(s.body.cases).toMatchObject({
      opened: 4,
      closedInPeriod: 3,
      byStatus: { OPEN: 1, IN_REVIEW: 0, PENDING_APPROVAL: 0, CLOSED: 4 },
      overdue: 1,
      byResolution: { FALSE_POSITIVE: 1, NO_ACTION: 1, REPORT_TO_POLICE: 1, RESTRICT: 0, ADD_TO_NEGATIVE_LIST: 0 },
    });
    const byDay = s.body.cases.byDay as Array<{ day: string; opened: number; closed: number }>;
    expect(byDay).toHaveLength(31);
    expect(byDay.reduce((x, d) => x + d.opened, 0)).toBe(4);
    expect(byDay[0]).toEqual({ day: '2026-11-15', opened: 4, closed: 3 });

    expect(s.body.falsePositiveRates).toEqual([
      { findingCode: 'CROSS_BANK_VELOCITY', kind: 'RULE', decided: 2, falsePositives: 1, rate: 0.5 },
      { findingCode: 'FAN_IN', kind: 'DETECTOR', decided: 2, falsePositives: 1, rate: 0.5 },
    ]);

    // The list is shared: every bank sees its size; what A contributed is A's own figure.
    expect(s.body.negativeList).toMatchObject({ total: 3, byStatus: { ACTIVE: 1, UNDER_APPEAL: 1, REVOKED: 1, EXPIRED: 0 }, contributedByInstitution: 2 });
    expect(s.body.negativeList.byCategory).toEqual([
      { key: 'ACCOUNT_SELLER', total: 2, by: { ACTIVE: 0, UNDER_APPEAL: 1, EXPIRED: 0, REVOKED: 1 } },
      { key: 'MONEY_MULE', total: 1, by: { ACTIVE: 1, UNDER_APPEAL: 0, EXPIRED: 0, REVOKED: 0 } },
    ]);
    // Appeals are answered within 15 days by default; 30 days on, the one appeal is overdue.
    expect(s.body.appeals).toEqual({ received: 1, byOutcome: { OPEN: 1, UPHELD: 0, REJECTED: 0 }, overdue: 1 });
    expect(s.body.perInstitution).toEqual([expect.objectContaining({ institutionId: a.id, code: 'STATS-A', openCases: 1, overdueCases: 1 })]);
    // Every source module is deployed: no figure is pending.
    expect(s.body.pending).toEqual([]);
  });

  it('gives the operator all institutions, one institution, and a row per institution', async () => {
    const admin = await t.adminToken();
    const all = await stats(admin);
    expect(all.body.institutionId).toBeNull();
    expect(all.body.cases).toMatchObject({ opened: 5, byStatus: { OPEN: 2, CLOSED: 4 }, overdue: 2 });
    expect(all.body.appeals.received).toBe(1);
    const rows = all.body.perInstitution as Array<{ code: string; openCases: number; overdueCases: number }>;
    expect(rows.find((r) => r.code === 'STATS-B')).toMatchObject({ openCases: 1, overdueCases: 1 });
    expect(rows.find((r) => r.code === 'OPERATOR')).toMatchObject({ openCases: 0 });

    const onlyB = await stats(admin, `&institutionId=${b.id}`);
    expect(onlyB.body.cases).toMatchObject({ opened: 1, byStatus: { OPEN: 1, CLOSED: 0 }, overdue: 1 });
    expect(onlyB.body.appeals.received).toBe(0);
    expect(onlyB.body.negativeList.contributedByInstitution).toBe(1);

    // A bank asking for another institution still gets its own.
    const sneaky = await stats(b.tokens.SUPERVISOR, `&institutionId=${a.id}`);
    expect(sneaky.body.institutionId).toBe(b.id);
  });

  it('counts flows inside the period only and checks the period', async () => {
    const before = await t.request('GET', `/v1/stats?from=2026-11-01T00:00:00Z&to=${encodeURIComponent(periodFrom)}`, { token: a.tokens.ANALYST });
    expect(before.body.cases).toMatchObject({ opened: 1, closedInPeriod: 1, byResolution: { NO_ACTION: 1 } });
    expect(before.body.falsePositiveRates).toEqual([{ findingCode: 'FAN_IN', kind: 'DETECTOR', decided: 1, falsePositives: 0, rate: 0 }]);
    expect((await t.request('GET', `/v1/stats?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z`, { token: a.tokens.ANALYST })).body.code).toBe('STATS_INVALID_PERIOD');
    expect((await t.request('GET', '/v1/stats?from=yesterday', { token: a.tokens.ANALYST })).status).toBe(400);
    expect((await t.request('GET', '/v1/stats', { apiKey: a.apiKey })).status).toBe(403);
  });
});
