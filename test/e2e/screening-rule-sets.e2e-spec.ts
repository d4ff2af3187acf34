import { jest } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { seedInstitution, type SeededInstitution } from '../support/world.js';
import { codes, person, personRequest, phone } from './screening-fixtures.js';

jest.setTimeout(30_000);

/** Rule-set versions, publication, activation, backtests and replay of stored screenings. */
describe('screening rule sets and backtests', () => {
  let t: TestApp;
  let bank: SeededInstitution;
  let admin: string;
  const clock = new TestClock('2026-11-21T02:00:00.000Z');
  const screened: Array<{ id: string; decision: string }> = [];

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { SECOND_VERIFICATION_POLL_SECONDS: '0', RESCREEN_WORKER: 'false' } });
    bank = await seedInstitution(t, 'BANK-RS');
    admin = await t.adminToken();
    // History to backtest: two clean applicants, and a phone shared by three (the third gets REVIEW).
    const shared = phone(880001);
    for (const applicant of [person(), person(), person({ phone: shared }), person({ phone: shared }), person({ phone: shared })]) {
      const res = await t.request('POST', '/v1/screenings/account-opening', { apiKey: bank.apiKey, body: personRequest(applicant) });
      screened.push({ id: res.body.screeningId, decision: res.body.decision });
      clock.advance(60_000);
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  }, 30_000);

  const active = async () => (await t.request('GET', '/v1/screening/rule-sets/active', { token: admin })).body;

  it('ships the default version, stored and active, readable by staff', async () => {
    const res = await t.request('GET', '/v1/screening/rule-sets', { token: bank.tokens.ANALYST });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([expect.objectContaining({ version: '2026.11.1', active: true, publishedBy: 'SYSTEM' })]);
    expect(res.body[0].definition.rules.CARD_FARMING_PHONE).toEqual({ enabled: true, weight: 30, params: { reviewAt: 2, highAt: 5 } });
    expect(screened.map((s) => s.decision)).toEqual(['PASS', 'PASS', 'PASS', 'PASS', 'REVIEW']);
  });

  it('refuses an invalid rule set with every problem by path, and anyone but the operator', async () => {
    const base = (await active()).definition;
    const broken = { ...base, version: '2026.11.2', cutoffs: { review: 95, reject: 90 }, rules: { ...base.rules, CROSS_BANK_VELOCITY: { ...base.rules.CROSS_BANK_VELOCITY, params: { reviewAt: 6, rejectAt: 5 } } } };
    const res = await t.request('POST', '/v1/screening/rule-sets', { token: admin, body: { ruleSet: broken } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('INVALID_RULE_SET');
    expect(res.body.detail).toContain('cutoffs.review');
    expect(res.body.detail).toContain('rules.CROSS_BANK_VELOCITY.params.rejectAt');
    const bankAdmin = await t.request('POST', '/v1/screening/rule-sets', { token: bank.tokens.ADMIN, body: { ruleSet: { ...base, version: '2026.11.2' } } });
    expect(bankAdmin.status).toBe(403);
    const analyst = await t.request('POST', '/v1/screening/rule-sets', { token: bank.tokens.ANALYST, body: { ruleSet: { ...base, version: '2026.11.2' } } });
    expect(analyst.status).toBe(403);
  });

  it('backtests a candidate over stored screenings without changing anything', async () => {
    const base = (await active()).definition;
    // Stricter card farming: one other applicant on the phone is enough.
    const candidate = { ...base, version: 'candidate-1', rules: { ...base.rules, CARD_FARMING_PHONE: { enabled: true, weight: 30, params: { reviewAt: 1, highAt: 5 } } } };
    const res = await t.request('POST', '/v1/screening/backtests', { token: admin, body: { candidate, from: '2026-11-20T00:00:00Z', to: '2026-11-22T00:00:00Z' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ruleSetVersion: 'candidate-1', total: 5, changed: 1, staleWindowRows: 0, invalidRows: 0 });
    expect(res.body.matrix).toEqual({ PASS: { PASS: 3, REVIEW: 1, REJECT: 0 }, REVIEW: { PASS: 0, REVIEW: 1, REJECT: 0 }, REJECT: { PASS: 0, REVIEW: 0, REJECT: 0 } });
    expect(res.body.examples).toEqual([expect.objectContaining({ screeningId: screened[3]!.id, old: 'PASS', new: 'REVIEW' })]);
    // Nothing was stored or activated, and the stored decision is unchanged.
    expect((await active()).version).toBe('2026.11.1');
    expect((await t.request('GET', '/v1/screening/rule-sets/candidate-1', { token: admin })).status).toBe(404);
    expect((await t.request('GET', `/v1/screenings/${screened[3]!.id}`, { token: admin })).body.decision).toBe('PASS');
    // A window outside the stored screenings is empty; only the operator backtests.
    const empty = await t.request('POST', '/v1/screening/backtests', { token: admin, body: { candidate, from: '2026-10-01T00:00:00Z', to: '2026-10-02T00:00:00Z' } });
    expect(empty.body.total).toBe(0);
    expect((await t.request('POST', '/v1/screening/backtests', { token: bank.tokens.ADMIN, body: { candidate, from: '2026-11-20T00:00:00Z', to: '2026-11-22T00:00:00Z' } })).status).toBe(403);
  });

  it('publishes a version that new screenings use, keeps old screenings explainable, and rolls back', async () => {
    const base = (await active()).definition;
    const next = { ...base, version: '2026.11.2', description: 'Card farming at one other applicant', rules: { ...base.rules, CARD_FARMING_PHONE: { enabled: true, weight: 30, params: { reviewAt: 1, highAt: 5 } } } };
    const published = await t.request('POST', '/v1/screening/rule-sets', { token: admin, body: { ruleSet: next } });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ version: '2026.11.2', active: true });
    expect((await t.request('POST', '/v1/screening/rule-sets', { token: admin, body: { ruleSet: next } })).status).toBe(409);

    const shared = phone(880002);
    await t.request('POST', '/v1/screenings/account-opening', { apiKey: bank.apiKey, body: personRequest(person({ phone: shared })) });
    const now = await t.request('POST', '/v1/screenings/account-opening', { apiKey: bank.apiKey, body: personRequest(person({ phone: shared })) });
    expect(now.body).toMatchObject({ ruleSetVersion: '2026.11.2', decision: 'REVIEW' });
    expect(codes(now.body)).toEqual(['CARD_FARMING_PHONE']);

    // An old screening replays under its own version exactly, and can be tried under the new one.
    const explained = await t.request('GET', `/v1/screenings/${screened[3]!.id}/explain`, { apiKey: bank.apiKey });
    expect(explained.body).toMatchObject({ storedDecision: 'PASS', ruleSetVersion: '2026.11.1', matchesStored: true, decision: 'PASS' });
    expect(explained.body.facts.sharedIdentifiers).toMatchObject({ phoneApplicants: 1, windowDays: 30 });
    const whatIf = await t.request('GET', `/v1/screenings/${screened[3]!.id}/explain?ruleSetVersion=2026.11.2`, { apiKey: bank.apiKey });
    expect(whatIf.body).toMatchObject({ storedDecision: 'PASS', ruleSetVersion: '2026.11.2', matchesStored: false, decision: 'REVIEW' });

    // A stored version can be backtested by name, and the old one activated again.
    const byVersion = await t.request('POST', '/v1/screening/backtests', { token: admin, body: { version: '2026.11.1', from: '2026-11-20T00:00:00Z', to: '2026-11-22T00:00:00Z' } });
    expect(byVersion.body.matrix.REVIEW.PASS).toBe(1);
    expect((await t.request('POST', '/v1/screening/rule-sets/no-such-version/activate', { token: admin })).status).toBe(404);
    const back = await t.request('POST', '/v1/screening/rule-sets/2026.11.1/activate', { token: admin });
    expect(back.status).toBe(200);
    expect((await active()).version).toBe('2026.11.1');
    const list = await t.request('GET', '/v1/screening/rule-sets', { token: admin });
    expect(list.body.map((r: { version: string; active: boolean }) => [r.version, r.active])).toEqual(expect.arrayContaining([['2026.11.1', true], ['2026.11.2', false]]));
    const after = await t.request('POST', '/v1/screenings/account-opening', { apiKey: bank.apiKey, body: personRequest(person()) });
    expect(after.body.ruleSetVersion).toBe('2026.11.1');
  });
});
