import { makeResidentId } from '../../src/domain/identity/national-id-factory.js';
import { RestrictionExpiryScheduler } from '../../src/modules/restrictions/restriction-expiry.scheduler.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { seedAccounts, seedInstitution, type SeededInstitution } from '../support/world.js';

const PERSON = makeResidentId({ divisionCode: '440305', birthDate: '1991-04-04', sequence: 51 });

/** The embedded database serves the app over a single connection: nothing may wait for a second one inside a transaction. */
describe('restrictions on the embedded database', () => {
  const clock = new TestClock('2026-11-21T02:00:00.000Z');
  let t: TestApp;
  let bank: SeededInstitution;
  let regulator: SeededInstitution;

  beforeAll(async () => {
    t = await startTestApp({ storage: 'embedded', clock });
    bank = await seedInstitution(t, 'EB-A');
    regulator = await seedInstitution(t, 'PBOC-E', 'REGULATOR');
    await seedAccounts(t, [{ bankCode: 'EB-A', accountNumber: '6222666600000001', institutionId: bank.id, idNumber: PERSON, openedAt: new Date('2025-01-01T00:00:00Z'), updatedAt: clock.now() }]);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('makes, approves, checks, sweeps and lifts person orders', async () => {
    const order = await t.request('POST', '/v1/restrictions/orders', { token: regulator.tokens.ANALYST, body: { target: { type: 'PERSON', idNumber: PERSON }, level: 'FROZEN', basis: { type: 'CASE', reference: 'E-1' } } });
    expect(order.body.status).toBe('PENDING_APPROVAL');
    // A bank holding an account of the person sees the order (a registry read inside the approval's transaction) but may not approve it.
    expect((await t.request('GET', `/v1/restrictions/orders/${order.body.id}`, { token: bank.tokens.ANALYST })).status).toBe(200);
    expect((await t.request('POST', `/v1/restrictions/orders/${order.body.id}/approve`, { token: bank.tokens.SUPERVISOR, body: {} })).body.code).toBe('RESTRICTION_APPROVER_NOT_ALLOWED');
    expect((await t.request('POST', `/v1/restrictions/orders/${order.body.id}/approve`, { token: regulator.tokens.SUPERVISOR, body: {} })).body.status).toBe('ACTIVE');
    const check = await t.request('POST', '/v1/restrictions/check', { apiKey: bank.apiKey, body: { bankCode: 'EB-A', accountNumber: '6222666600000001', direction: 'IN', channel: 'ONLINE', amount: '5.00', transactionId: 'e-1' } });
    expect(check.body).toMatchObject({ allowed: false, effectiveLevel: 'FROZEN' });
    clock.advance(49 * 3_600_000);
    expect((await t.app.get(RestrictionExpiryScheduler).runOnce()).expired).toBe(1);
    const account = await t.request('GET', '/v1/accounts/EB-A/6222666600000001/restrictions', { token: bank.tokens.ANALYST });
    expect(account.body.effectiveChanges.map((c: { level: string | null; cause: string }) => `${c.level}:${c.cause}`)).toEqual(['FROZEN:ORDER_APPROVED', 'null:ORDER_EXPIRED']);
    const limited = await t.request('POST', '/v1/restrictions/orders', { token: bank.tokens.ANALYST, body: { target: { type: 'ACCOUNT', bankCode: 'EB-A', accountNumber: '6222666600000001' }, level: 'LIMITED_NON_COUNTER', basis: { type: 'CASE', reference: 'E-2' }, expiresAt: new Date(clock.now().getTime() + 86_400_000).toISOString() } });
    expect((await t.request('POST', `/v1/restrictions/orders/${limited.body.id}/lift`, { token: bank.tokens.SUPERVISOR, body: { reason: 'case closed' } })).body.status).toBe('LIFTED');
  });
});
