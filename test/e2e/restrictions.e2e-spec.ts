import { BlindIndexService } from '../../src/common/crypto/blind-index.service.js';
import { makeResidentId } from '../../src/domain/identity/national-id-factory.js';
import { maskResidentId } from '../../src/domain/identity/national-id.js';
import { RestrictionBulkService } from '../../src/modules/restrictions/restriction-bulk.service.js';
import { RestrictionExpiryScheduler } from '../../src/modules/restrictions/restriction-expiry.scheduler.js';
import { RestrictionsService } from '../../src/modules/restrictions/restrictions.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { seedAccounts, seedInstitution, type SeededInstitution } from '../support/world.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const P1 = makeResidentId({ divisionCode: '440305', birthDate: '1990-03-07', sequence: 11 });
const P2 = makeResidentId({ divisionCode: '440305', birthDate: '1985-06-01', sequence: 12 });
const P3 = makeResidentId({ divisionCode: '110105', birthDate: '1979-12-31', sequence: 13, sex: 'FEMALE' });
const P4 = makeResidentId({ divisionCode: '310101', birthDate: '2001-01-09', sequence: 14 });

interface AccountRow {
  bankCode: string;
  accountNumber: string;
  institutionId: string;
  idNumber: string;
  openedAt?: Date;
}

/** Puts accounts in the registry the way openings and loads do (the openings API is another module). */
async function addAccounts(t: TestApp, clock: TestClock, rows: AccountRow[]): Promise<void> {
  await seedAccounts(t, rows.map((r) => ({ ...r, openedAt: r.openedAt ?? new Date(clock.now().getTime() - 400 * DAY), updatedAt: clock.now() })));
}

describe('restriction orders and the check over HTTP on PostgreSQL', () => {
  const clock = new TestClock('2026-11-21T02:00:00.000Z');
  let t: TestApp;
  let bankA: SeededInstitution;
  let bankB: SeededInstitution;
  let bankC: SeededInstitution;
  let regulator: SeededInstitution;
  let police: SeededInstitution;

  const check = (apiKey: string, body: Record<string, unknown>) => t.request('POST', '/v1/restrictions/check', { apiKey, body });
  const later = (ms: number) => new Date(clock.now().getTime() + ms).toISOString();

  beforeAll(async () => {
    t = await startTestApp({ clock });
    bankA = await seedInstitution(t, 'RB-A');
    bankB = await seedInstitution(t, 'RB-B');
    bankC = await seedInstitution(t, 'RB-C');
    regulator = await seedInstitution(t, 'PBOC-SZ', 'REGULATOR');
    police = await seedInstitution(t, 'SZPSB', 'POLICE');
    await addAccounts(t, clock, [
      { bankCode: 'RB-A', accountNumber: '6222000000000001', institutionId: bankA.id, idNumber: P4 },
      { bankCode: 'RB-A', accountNumber: '6222000000000002', institutionId: bankA.id, idNumber: P4 },
      { bankCode: 'RB-A', accountNumber: '6222000000000003', institutionId: bankA.id, idNumber: P4 },
      { bankCode: 'RB-A', accountNumber: '6222000000001111', institutionId: bankA.id, idNumber: P1 },
      { bankCode: 'RB-B', accountNumber: '6228000000002222', institutionId: bankB.id, idNumber: P1 },
      { bankCode: 'RB-A', accountNumber: '6222000000003333', institutionId: bankA.id, idNumber: P2 },
      { bankCode: 'RB-B', accountNumber: '6228000000003333', institutionId: bankB.id, idNumber: P4 },
    ]);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  describe('the check under LIMITED_NON_COUNTER', () => {
    let orderId: string;
    const acct = { bankCode: 'RB-A', accountNumber: '6222000000000001' };

    it('a bank restricts its own account at once (below the four-eyes rung)', async () => {
      const res = await t.request('POST', '/v1/restrictions/orders', {
        token: bankA.tokens.ANALYST,
        body: { target: { type: 'ACCOUNT', ...acct }, level: 'LIMITED_NON_COUNTER', basis: { type: 'CASE', reference: 'CASE-2026-001' }, expiresAt: later(30 * DAY), dailyLimit: { amount: '1000.00', count: 3 } },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'ACTIVE', requiresApproval: false, inForce: true, level: 'LIMITED_NON_COUNTER', termSource: 'EXPLICIT', dailyLimit: { amount: '1000.00', count: 3 }, target: { type: 'ACCOUNT', ...acct } });
      orderId = res.body.id;
    });

    it('counts an allowed capped outflow once per transaction id and answers a retry the same', async () => {
      const first = await check(bankA.apiKey, { ...acct, direction: 'OUT', channel: 'MOBILE', amount: '600.00', transactionId: 'tx-1' });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ allowed: true, effectiveLevel: 'LIMITED_NON_COUNTER', code: 'WITHIN_DAILY_CAP', reasons: [orderId], flagged: true, transactionId: 'tx-1', remainingDailyAmount: '400.00', remainingDailyCount: 2 });
      const retry = await check(bankA.apiKey, { ...acct, direction: 'OUT', channel: 'MOBILE', amount: '600.00', transactionId: 'tx-1' });
      expect(retry.body).toEqual(first.body);
      const over = await check(bankA.apiKey, { ...acct, direction: 'OUT', channel: 'ONLINE', amount: '400.01', transactionId: 'tx-2' });
      expect(over.body).toMatchObject({ allowed: false, code: 'DAILY_AMOUNT_CAP_EXCEEDED', remainingDailyAmount: '400.00', remainingDailyCount: 2 });
    });

    it('lets the counter, inflow and tax/social-security/utility withholdings through without using the cap', async () => {
      const counter = await check(bankA.apiKey, { ...acct, direction: 'OUT', channel: 'COUNTER', amount: '50000.00', transactionId: 'tx-3' });
      expect(counter.body).toMatchObject({ allowed: true, code: 'COUNTER_ALLOWED', remainingDailyAmount: '400.00' });
      const inflow = await check(bankA.apiKey, { ...acct, direction: 'IN', channel: 'MOBILE', amount: '90000.00', transactionId: 'tx-4' });
      expect(inflow.body).toMatchObject({ allowed: true, code: 'INFLOW_ALLOWED' });
      const tax = await check(bankA.apiKey, { ...acct, direction: 'OUT', channel: 'THIRD_PARTY', amount: '3000.00', transactionId: 'tx-5', purposeCode: 'TAX' });
      expect(tax.body).toMatchObject({ allowed: true, code: 'EXEMPT_PURPOSE', remainingDailyAmount: '400.00', remainingDailyCount: 2 });
    });

    it('refuses the operation after the daily count is used up', async () => {
      expect((await check(bankA.apiKey, { ...acct, direction: 'OUT', channel: 'POS', amount: '10.00', transactionId: 'tx-6' })).body).toMatchObject({ allowed: true, remainingDailyCount: 1 });
      expect((await check(bankA.apiKey, { ...acct, direction: 'OUT', channel: 'ATM', amount: '10.00', transactionId: 'tx-7' })).body).toMatchObject({ allowed: true, remainingDailyCount: 0, remainingDailyAmount: '380.00' });
      expect((await check(bankA.apiKey, { ...acct, direction: 'OUT', channel: 'ATM', amount: '10.00', transactionId: 'tx-8' })).body).toMatchObject({ allowed: false, code: 'DAILY_COUNT_CAP_EXCEEDED' });
      // A retry of an operation already counted is still allowed: its own first attempt used the cap.
      expect((await check(bankA.apiKey, { ...acct, direction: 'OUT', channel: 'ATM', amount: '10.00', transactionId: 'tx-7' })).body).toMatchObject({ allowed: true, remainingDailyCount: 0 });
    });

    it('answers unrestricted accounts, and validates the body like any route', async () => {
      const free = await check(bankB.apiKey, { bankCode: 'RB-B', accountNumber: '6228 0000 0000 9999', direction: 'OUT', channel: 'ONLINE', amount: '1', transactionId: 'x' });
      expect(free.body).toEqual({ allowed: true, effectiveLevel: null, code: 'NO_RESTRICTION', reasons: [], flagged: false, transactionId: 'x' });
      const bad = await check(bankA.apiKey, { ...acct, direction: 'OUT', channel: 'ONLINE', amount: '1.234', transactionId: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'amount' }] });
      expect((await check(bankA.apiKey, { ...acct, direction: 'SIDEWAYS', channel: 'ONLINE', amount: '1', transactionId: 'x' })).body.code).toBe('VALIDATION_FAILED');
      expect((await check(bankA.apiKey, { ...acct, direction: 'OUT', channel: 'ONLINE', amount: '1', transactionId: 'x', extra: 1 })).status).toBe(400);
      expect((await check(bankA.apiKey, { ...acct, direction: 'OUT', channel: 'ONLINE', amount: '1' })).status).toBe(400);
      const key = await t.request('POST', `/v1/institutions/${bankA.id}/api-keys`, { token: bankA.tokens.ADMIN, body: { name: 'openings only', scopes: ['openings'] } });
      expect((await check(key.body.key, { ...acct, direction: 'OUT', channel: 'ONLINE', amount: '1', transactionId: 'x' })).status).toBe(403);
    });
  });

  describe('four eyes, rejection and lifting', () => {
    const acct = { bankCode: 'RB-A', accountNumber: '6222000000000002' };
    let frozenId: string;

    it('a freeze waits for a supervisor of the issuing bank; until then the account is not restricted', async () => {
      const res = await t.request('POST', '/v1/restrictions/orders', { token: bankA.tokens.ANALYST, body: { target: { type: 'ACCOUNT', ...acct }, level: 'FROZEN', basis: { type: 'CASE', reference: 'CASE-2026-002' } } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'PENDING_APPROVAL', requiresApproval: true, termSource: 'STOP_PAYMENT', inForce: false });
      expect(Date.parse(res.body.expiresAt) - Date.parse(res.body.effectiveFrom)).toBe(48 * HOUR);
      frozenId = res.body.id;
      expect((await check(bankA.apiKey, { ...acct, direction: 'IN', channel: 'COUNTER', amount: '1', transactionId: 'f-1' })).body.allowed).toBe(true);
    });

    it('refuses approval by an analyst, by another bank and by the issuer', async () => {
      const analyst = await t.request('POST', `/v1/restrictions/orders/${frozenId}/approve`, { token: bankA.tokens.ANALYST, body: {} });
      expect(analyst.status).toBe(403);
      const other = await t.request('POST', `/v1/restrictions/orders/${frozenId}/approve`, { token: bankB.tokens.SUPERVISOR, body: {} });
      expect(other.status).toBe(404);
      expect(other.body.code).toBe('RESTRICTION_ORDER_NOT_FOUND');
      const own = await t.request('POST', '/v1/restrictions/orders', { token: bankA.tokens.SUPERVISOR, body: { target: { type: 'ACCOUNT', ...acct }, level: 'RECEIVE_ONLY', basis: { type: 'CASE', reference: 'CASE-2026-003' } } });
      const self = await t.request('POST', `/v1/restrictions/orders/${own.body.id}/approve`, { token: bankA.tokens.SUPERVISOR, body: {} });
      expect(self.status).toBe(403);
      expect(self.body.code).toBe('RESTRICTION_APPROVER_NOT_ALLOWED');
      const sup2 = await t.login(bankA.usernames.SUPERVISOR2, bankA.password);
      expect((await t.request('POST', `/v1/restrictions/orders/${own.body.id}/reject`, { token: sup2, body: {} })).status).toBe(400);
      const rejected = await t.request('POST', `/v1/restrictions/orders/${own.body.id}/reject`, { token: sup2, body: { reason: 'no grounds for receive-only' } });
      expect(rejected.body).toMatchObject({ status: 'LIFTED', inForce: false });
      const history = await t.request('GET', `/v1/restrictions/orders/${own.body.id}`, { token: bankA.tokens.ANALYST });
      expect(history.body.history.map((e: { type: string }) => e.type)).toEqual(['CREATED', 'REJECTED']);
    });

    it('another supervisor approves; the freeze blocks money in and out', async () => {
      const ok = await t.request('POST', `/v1/restrictions/orders/${frozenId}/approve`, { token: bankA.tokens.SUPERVISOR, body: { note: 'case file checked' } });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'ACTIVE', inForce: true, approvedBy: expect.any(String) });
      const res = await check(bankA.apiKey, { ...acct, direction: 'IN', channel: 'COUNTER', amount: '1', transactionId: 'f-2' });
      expect(res.body).toEqual({ allowed: false, effectiveLevel: 'FROZEN', code: 'FROZEN', reasons: [frozenId], flagged: true, transactionId: 'f-2' });
      expect((await t.request('POST', `/v1/restrictions/orders/${frozenId}/approve`, { token: bankA.tokens.SUPERVISOR, body: {} })).body.code).toBe('RESTRICTION_ORDER_NOT_PENDING');
    });

    it('lifting needs a reason and the issuing institution; history keeps every step', async () => {
      expect((await t.request('POST', `/v1/restrictions/orders/${frozenId}/lift`, { token: bankA.tokens.SUPERVISOR, body: {} })).status).toBe(400);
      expect((await t.request('POST', `/v1/restrictions/orders/${frozenId}/lift`, { token: bankA.tokens.ANALYST, body: { reason: 'done' } })).status).toBe(403);
      expect((await t.request('POST', `/v1/restrictions/orders/${frozenId}/lift`, { token: regulator.tokens.SUPERVISOR, body: { reason: 'not ours' } })).status).toBe(403);
      const lifted = await t.request('POST', `/v1/restrictions/orders/${frozenId}/lift`, { token: bankA.tokens.SUPERVISOR, body: { reason: 'victim funds returned; case closed' } });
      expect(lifted.body).toMatchObject({ status: 'LIFTED', inForce: false });
      expect((await check(bankA.apiKey, { ...acct, direction: 'OUT', channel: 'MOBILE', amount: '1', transactionId: 'f-3' })).body).toMatchObject({ allowed: true, effectiveLevel: null });
      const order = await t.request('GET', `/v1/restrictions/orders/${frozenId}`, { token: bankA.tokens.ANALYST });
      expect(order.body.history.map((e: { type: string; statusAfter: string }) => `${e.type}:${e.statusAfter}`)).toEqual(['CREATED:PENDING_APPROVAL', 'APPROVED:ACTIVE', 'LIFTED:LIFTED']);
      expect(order.body.history[2].reason).toBe('victim funds returned; case closed');
      expect((await t.request('POST', `/v1/restrictions/orders/${frozenId}/lift`, { token: bankA.tokens.SUPERVISOR, body: { reason: 'again' } })).body.code).toBe('RESTRICTION_ORDER_NOT_OPEN');
    });

    it('a bank restricts only its own accounts, and never a person at every bank', async () => {
      const foreign = await t.request('POST', '/v1/restrictions/orders', { token: bankA.tokens.ANALYST, body: { target: { type: 'ACCOUNT', bankCode: 'RB-B', accountNumber: '6228000000002222' }, level: 'ENHANCED_MONITORING', basis: { type: 'CASE', reference: 'x' }, expiresAt: later(DAY) } });
      expect(foreign.status).toBe(403);
      expect(foreign.body.code).toBe('RESTRICTION_TARGET_NOT_ALLOWED');
      const person = await t.request('POST', '/v1/restrictions/orders', { token: bankA.tokens.SUPERVISOR, body: { target: { type: 'PERSON', idNumber: P2 }, level: 'ENHANCED_MONITORING', basis: { type: 'CASE', reference: 'x' }, expiresAt: later(DAY) } });
      expect(person.body.code).toBe('RESTRICTION_TARGET_NOT_ALLOWED');
      const noTerm = await t.request('POST', '/v1/restrictions/orders', { token: bankA.tokens.ANALYST, body: { target: { type: 'ACCOUNT', ...acct }, level: 'ENHANCED_MONITORING', basis: { type: 'CASE', reference: 'x' } } });
      expect(noTerm.status).toBe(422);
      expect(noTerm.body.code).toBe('RESTRICTION_TERM_REQUIRED');
      const badId = await t.request('POST', '/v1/restrictions/orders', { token: regulator.tokens.ANALYST, body: { target: { type: 'PERSON', idNumber: '110105194912310021' }, level: 'FROZEN', basis: { type: 'CASE', reference: 'x' } } });
      expect(badId.status).toBe(422);
      expect(badId.body.code).toBe('INVALID_IDENTIFIER');
    });
  });

  describe('superseding', () => {
    const acct = { bankCode: 'RB-A', accountNumber: '6222000000000003' };

    it('a police receive-only order replaces a bank limit: no four eyes for police orders, the old order SUPERSEDED', async () => {
      const limited = await t.request('POST', '/v1/restrictions/orders', { token: bankA.tokens.ANALYST, body: { target: { type: 'ACCOUNT', ...acct }, level: 'LIMITED_NON_COUNTER', basis: { type: 'ALERT', reference: 'ALERT-77' }, expiresAt: later(10 * DAY) } });
      const mismatch = await t.request('POST', '/v1/restrictions/orders', {
        token: police.tokens.ANALYST,
        body: { target: { type: 'ACCOUNT', bankCode: 'RB-A', accountNumber: '6222000000001111' }, level: 'RECEIVE_ONLY', basis: { type: 'POLICE_ORDER', reference: '深公(刑)止付字〔2026〕1234号' }, supersedesOrderId: limited.body.id },
      });
      expect(mismatch.status).toBe(422);
      expect(mismatch.body.code).toBe('RESTRICTION_SUPERSEDE_MISMATCH');
      const stop = await t.request('POST', '/v1/restrictions/orders', {
        token: police.tokens.ANALYST,
        body: { target: { type: 'ACCOUNT', ...acct }, level: 'RECEIVE_ONLY', basis: { type: 'POLICE_ORDER', reference: '深公(刑)止付字〔2026〕1234号' }, supersedesOrderId: limited.body.id },
      });
      expect(stop.status).toBe(201);
      expect(stop.body).toMatchObject({ status: 'ACTIVE', requiresApproval: false, termSource: 'STOP_PAYMENT', supersedesOrderId: limited.body.id });
      const old = await t.request('GET', `/v1/restrictions/orders/${limited.body.id}`, { token: bankA.tokens.ANALYST });
      expect(old.body).toMatchObject({ status: 'SUPERSEDED', supersededByOrderId: stop.body.id });
      expect(old.body.history.map((e: { type: string }) => e.type)).toEqual(['CREATED', 'SUPERSEDED']);
      expect((await check(bankA.apiKey, { ...acct, direction: 'OUT', channel: 'COUNTER', amount: '1', transactionId: 's-1' })).body).toMatchObject({ allowed: false, code: 'RECEIVE_ONLY_OUTFLOW_BLOCKED', reasons: [stop.body.id] });
      expect((await check(bankA.apiKey, { ...acct, direction: 'IN', channel: 'ONLINE', amount: '1', transactionId: 's-2' })).body).toMatchObject({ allowed: true, code: 'INFLOW_ALLOWED' });
      // The bank sees the police order on its own account, and the account's history shows both.
      const account = await t.request('GET', `/v1/accounts/${acct.bankCode}/${acct.accountNumber}/restrictions`, { apiKey: bankA.apiKey });
      expect(account.status).toBe(200);
      expect(account.body.current).toMatchObject({ level: 'RECEIVE_ONLY', orderIds: [stop.body.id] });
      // Made at the same instant of the test clock: compare as a set.
      expect(account.body.orders.map((o: { id: string }) => o.id).sort()).toEqual([limited.body.id, stop.body.id].sort());
      expect(account.body.effectiveChanges.map((c: { level: string; cause: string }) => `${c.level}:${c.cause}`)).toEqual(['LIMITED_NON_COUNTER:ORDER_CREATED', 'RECEIVE_ONLY:ORDER_CREATED']);
    });
  });

  describe('orders on a person reach every account at every bank', () => {
    let personOrder: string;

    it('a regulator suspends non-counter business for 2 years (card seller) after a second person approves', async () => {
      const res = await t.request('POST', '/v1/restrictions/orders', {
        token: regulator.tokens.ANALYST,
        body: { target: { type: 'PERSON', idNumber: P1 }, level: 'NON_COUNTER_SUSPENDED', basis: { type: 'JOINT_PUNISHMENT', kind: 'CARD_SELLER', reference: '深反诈惩字〔2026〕7号' } },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'PENDING_APPROVAL', termSource: 'JOINT_PUNISHMENT', expiresAt: '2028-11-21T16:00:00.000Z', target: { type: 'PERSON', holderMasked: maskResidentId(P1) } });
      expect(JSON.stringify(res.body)).not.toContain(P1);
      personOrder = res.body.id;
      const approved = await t.request('POST', `/v1/restrictions/orders/${personOrder}/approve`, { token: regulator.tokens.SUPERVISOR, body: {} });
      expect(approved.body.status).toBe('ACTIVE');
      for (const [key, acct] of [[bankA.apiKey, { bankCode: 'RB-A', accountNumber: '6222000000001111' }], [bankB.apiKey, { bankCode: 'RB-B', accountNumber: '6228000000002222' }]] as const) {
        expect((await check(key, { ...acct, direction: 'OUT', channel: 'MOBILE', amount: '1', transactionId: 'p-1' })).body).toMatchObject({ allowed: false, code: 'NON_COUNTER_OUTFLOW_SUSPENDED', reasons: [personOrder] });
        expect((await check(key, { ...acct, direction: 'OUT', channel: 'COUNTER', amount: '1', transactionId: 'p-2' })).body).toMatchObject({ allowed: true, code: 'COUNTER_ALLOWED' });
      }
    });

    it('each bank sees its own account of the person; not another bank\u2019s; regulators see all', async () => {
      const own = await t.request('GET', '/v1/accounts/RB-B/6228000000002222/restrictions', { token: bankB.tokens.ANALYST });
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ registered: true, holderMasked: maskResidentId(P1), current: { level: 'NON_COUNTER_SUSPENDED', orderIds: [personOrder] } });
      expect(own.body.history.map((e: { type: string }) => e.type)).toEqual(['CREATED', 'APPROVED']);
      expect((await t.request('GET', '/v1/accounts/RB-A/6222000000001111/restrictions', { token: bankB.tokens.ANALYST })).status).toBe(404);
      expect((await t.request('GET', '/v1/accounts/RB-A/6222000000001111/restrictions', { token: regulator.tokens.ANALYST })).status).toBe(200);
      expect((await t.request('GET', `/v1/restrictions/orders/${personOrder}`, { token: bankB.tokens.ANALYST })).status).toBe(200);
      expect((await t.request('GET', `/v1/restrictions/orders/${personOrder}`, { token: bankC.tokens.ANALYST })).status).toBe(404);
    });

    it('an account opened later for the person is restricted as soon as it is recorded', async () => {
      const acct = { bankCode: 'RB-C', accountNumber: '6230000000004444' };
      await addAccounts(t, clock, [{ ...acct, institutionId: bankC.id, idNumber: P1, openedAt: clock.now() }]);
      expect(await t.app.get(RestrictionsService).onAccountsRecorded([{ ...acct, holderKey: t.app.get(BlindIndexService).of('RESIDENT_ID', P1) }])).toBe(1);
      expect((await check(bankC.apiKey, { ...acct, direction: 'OUT', channel: 'ONLINE', amount: '1', transactionId: 'p-3' })).body).toMatchObject({ allowed: false, reasons: [personOrder] });
      const state = await t.request('GET', `/v1/accounts/${acct.bankCode}/${acct.accountNumber}/restrictions`, { apiKey: bankC.apiKey });
      expect(state.body.effectiveChanges).toEqual([expect.objectContaining({ level: 'NON_COUNTER_SUSPENDED', cause: 'ACCOUNT_RECORDED', sequence: 1 })]);
    });

    it('chains joint-punishment terms and refuses what would pass 5 consecutive years', async () => {
      const second = await t.request('POST', '/v1/restrictions/orders', {
        token: regulator.tokens.ANALYST,
        body: { target: { type: 'PERSON', idNumber: P1 }, level: 'NON_COUNTER_SUSPENDED', basis: { type: 'JOINT_PUNISHMENT', kind: 'CONVICTED', reference: '(2026)粤0305刑初88号' } },
      });
      expect(second.status).toBe(201);
      expect(second.body).toMatchObject({ effectiveFrom: '2028-11-21T16:00:00.000Z', expiresAt: '2031-11-21T16:00:00.000Z' });
      const third = await t.request('POST', '/v1/restrictions/orders', {
        token: regulator.tokens.ANALYST,
        body: { target: { type: 'PERSON', idNumber: P1 }, level: 'NON_COUNTER_SUSPENDED', basis: { type: 'JOINT_PUNISHMENT', kind: 'CARD_SELLER', reference: '深反诈惩字〔2026〕9号' } },
      });
      expect(third.status).toBe(409);
      expect(third.body.code).toBe('RESTRICTION_TERM_CAP_REACHED');
    });

    it('NO_NEW_ACCOUNTS is a person measure screening reads from memory', async () => {
      const holderKey = t.app.get(BlindIndexService).of('RESIDENT_ID', P2);
      const service = t.app.get(RestrictionsService);
      expect(service.personMeasures(holderKey)).toEqual({ noNewAccounts: false, orderIds: [] });
      const onAccount = await t.request('POST', '/v1/restrictions/orders', { token: regulator.tokens.ANALYST, body: { target: { type: 'ACCOUNT', bankCode: 'RB-A', accountNumber: '6222000000003333' }, level: 'NO_NEW_ACCOUNTS', basis: { type: 'CASE', reference: 'x' }, expiresAt: later(DAY) } });
      expect(onAccount.status).toBe(422);
      const res = await t.request('POST', '/v1/restrictions/orders', { token: regulator.tokens.ANALYST, body: { target: { type: 'PERSON', idNumber: P2 }, level: 'NO_NEW_ACCOUNTS', basis: { type: 'JOINT_PUNISHMENT', kind: 'CARD_SELLER', reference: '深反诈惩字〔2026〕10号' } } });
      expect(res.body.status).toBe('PENDING_APPROVAL');
      expect(service.personMeasures(holderKey).noNewAccounts).toBe(false);
      await t.request('POST', `/v1/restrictions/orders/${res.body.id}/approve`, { token: regulator.tokens.SUPERVISOR, body: {} });
      expect(service.personMeasures(holderKey)).toEqual({ noNewAccounts: true, orderIds: [res.body.id] });
      // It bars new accounts but does not restrict operations on existing ones.
      expect((await check(bankA.apiKey, { bankCode: 'RB-A', accountNumber: '6222000000003333', direction: 'OUT', channel: 'ONLINE', amount: '1', transactionId: 'n-1' })).body.allowed).toBe(true);
    });

    it('lists orders within the tenant; identifiers are searched in a body, never a URL', async () => {
      const mine = await t.request('GET', '/v1/restrictions/orders?limit=100', { token: bankB.tokens.ANALYST });
      expect(mine.status).toBe(200);
      expect(mine.body.items).toEqual([]);
      const bankAOrders = await t.request('GET', '/v1/restrictions/orders?targetType=ACCOUNT&limit=2', { token: bankA.tokens.ANALYST });
      expect(bankAOrders.body.items).toHaveLength(2);
      expect(bankAOrders.body.nextCursor).toEqual(expect.any(String));
      const next = await t.request('GET', `/v1/restrictions/orders?targetType=ACCOUNT&limit=100&cursor=${bankAOrders.body.nextCursor}`, { token: bankA.tokens.ANALYST });
      expect(next.body.items.length).toBeGreaterThan(0);
      const search = await t.request('POST', '/v1/restrictions/orders/search', { token: regulator.tokens.ANALYST, body: { idNumber: P1, status: 'ACTIVE' } });
      expect(search.status).toBe(200);
      expect(search.body.items.map((o: { id: string }) => o.id)).toEqual([personOrder]);
    });
  });

  describe('bulk: one basis for a list of persons', () => {
    it('runs in the background with progress and a result per row', async () => {
      const res = await t.request('POST', '/v1/restrictions/bulk-jobs', {
        token: regulator.tokens.ANALYST,
        body: { level: 'LIMITED_NON_COUNTER', basis: { type: 'JOINT_PUNISHMENT', kind: 'CARD_SELLER', reference: '深反诈惩字〔2026〕批1号' }, idNumbers: [P3, P4, 'not-an-id', P3.toLowerCase()] },
      });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ total: 4 });
      await t.app.get(RestrictionBulkService).idle();
      const job = await t.request('GET', `/v1/restrictions/bulk-jobs/${res.body.id}`, { token: regulator.tokens.ANALYST });
      expect(job.body).toMatchObject({ status: 'COMPLETED', total: 4, processed: 4, created: 2, existing: 1, failed: 1, percent: 100 });
      expect(JSON.stringify(job.body)).not.toContain('actor');
      const rows = await t.request('GET', `/v1/restrictions/bulk-jobs/${res.body.id}/rows`, { token: regulator.tokens.ANALYST });
      expect(rows.body.map((r: { rowNo: number; status: string }) => `${r.rowNo}:${r.status}`)).toEqual(['1:CREATED', '2:CREATED', '3:INVALID', '4:EXISTING']);
      expect(rows.body[2]).toMatchObject({ errorCode: 'INVALID_RESIDENT_ID', holderMasked: null });
      expect(rows.body[3].orderId).toBe(rows.body[0].orderId);
      expect(rows.body[1].holderMasked).toBe(maskResidentId(P4));
      // P4's accounts at both banks are limited now (on top of orders already there).
      expect((await check(bankB.apiKey, { bankCode: 'RB-B', accountNumber: '6228000000003333', direction: 'OUT', channel: 'ONLINE', amount: '2500.00', transactionId: 'b-1' })).body).toMatchObject({ allowed: false, effectiveLevel: 'LIMITED_NON_COUNTER', code: 'DAILY_AMOUNT_CAP_EXCEEDED', reasons: [rows.body[1].orderId] });
      expect((await t.request('GET', `/v1/restrictions/bulk-jobs/${res.body.id}`, { token: bankA.tokens.ANALYST })).status).toBe(404);
      const notAllowed = await t.request('POST', '/v1/restrictions/bulk-jobs', { token: bankA.tokens.ANALYST, body: { level: 'LIMITED_NON_COUNTER', basis: { type: 'CASE', reference: 'x' }, expiresAt: later(DAY), idNumbers: [P3] } });
      expect(notAllowed.status).toBe(403);
    });

    it('takes the persons as a streamed CSV upload too, with file line numbers in the results', async () => {
      const res = await t.request('POST', '/v1/restrictions/bulk-jobs', {
        token: regulator.tokens.ANALYST,
        body: { level: 'ENHANCED_MONITORING', basis: { type: 'CASE', reference: 'CASE-BULK-3' }, expiresAt: later(90 * DAY) },
      });
      expect(res.body).toMatchObject({ status: 'UPLOADING', total: 0 });
      const badType = await t.request('POST', `/v1/restrictions/bulk-jobs/${res.body.id}/persons`, { token: regulator.tokens.ANALYST, body: { idNumber: P2 } });
      expect(badType.status).toBe(415);
      const up = await t.request('POST', `/v1/restrictions/bulk-jobs/${res.body.id}/persons`, { token: regulator.tokens.ANALYST, rawBody: `idNumber\n${P2}\n12345\n`, headers: { 'content-type': 'text/csv' } });
      expect(up.status).toBe(202);
      expect(up.body).toMatchObject({ status: 'PENDING', total: 2, failed: 1 });
      await t.app.get(RestrictionBulkService).idle();
      const rows = await t.request('GET', `/v1/restrictions/bulk-jobs/${res.body.id}/rows`, { token: regulator.tokens.ANALYST });
      expect(rows.body.map((r: { rowNo: number; status: string }) => `${r.rowNo}:${r.status}`)).toEqual(['2:CREATED', '3:INVALID']);
      const again = await t.request('POST', `/v1/restrictions/bulk-jobs/${res.body.id}/persons`, { token: regulator.tokens.ANALYST, rawBody: `idNumber\n${P2}\n`, headers: { 'content-type': 'text/csv' } });
      expect(again.status).toBe(409);
    });

    it('a job at a four-eyes level waits for one supervisor’s approval of the whole job', async () => {
      const res = await t.request('POST', '/v1/restrictions/bulk-jobs', {
        token: regulator.tokens.ANALYST,
        body: { level: 'NON_COUNTER_SUSPENDED', basis: { type: 'JOINT_PUNISHMENT', kind: 'CONVICTED', reference: '深反诈惩字〔2026〕批2号' }, idNumbers: [P3] },
      });
      expect(res.body).toMatchObject({ status: 'AWAITING', total: 1, processed: 0, template: { approval: { required: true } } });
      await t.app.get(RestrictionBulkService).idle();
      expect((await t.request('GET', `/v1/restrictions/bulk-jobs/${res.body.id}`, { token: regulator.tokens.ANALYST })).body.status).toBe('AWAITING');
      expect((await t.request('POST', `/v1/restrictions/bulk-jobs/${res.body.id}/approve`, { token: bankA.tokens.SUPERVISOR, body: {} })).status).toBe(404);
      const approved = await t.request('POST', `/v1/restrictions/bulk-jobs/${res.body.id}/approve`, { token: regulator.tokens.SUPERVISOR, body: { note: 'court judgments checked' } });
      expect(approved.body.status).toBe('PENDING');
      await t.app.get(RestrictionBulkService).idle();
      const rows = await t.request('GET', `/v1/restrictions/bulk-jobs/${res.body.id}/rows`, { token: regulator.tokens.ANALYST });
      const order = await t.request('GET', `/v1/restrictions/orders/${rows.body[0].orderId}`, { token: regulator.tokens.ANALYST });
      expect(order.body).toMatchObject({ status: 'ACTIVE', level: 'NON_COUNTER_SUSPENDED', requiresApproval: true, approvedBy: expect.any(String), bulkJobId: res.body.id });
      expect(order.body.history).toEqual([expect.objectContaining({ type: 'CREATED', statusAfter: 'ACTIVE', details: expect.objectContaining({ approvedBy: order.body.approvedBy }) })]);
      expect((await t.request('POST', `/v1/restrictions/bulk-jobs/${res.body.id}/approve`, { token: regulator.tokens.SUPERVISOR, body: {} })).status).toBe(409);
    });
  });

  describe('expiry from the clock (these tests move the clock forward)', () => {
    const acct = { bankCode: 'RB-B', accountNumber: '6228000000002222' };
    let stopId: string;

    it('a police stop-payment lasts 48 hours and lapses on time with no job', async () => {
      const res = await t.request('POST', '/v1/restrictions/orders', { apiKey: police.apiKey, body: { target: { type: 'ACCOUNT', ...acct }, level: 'FROZEN', basis: { type: 'POLICE_ORDER', reference: '深公(刑)止付字〔2026〕2001号' } } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'ACTIVE', termSource: 'STOP_PAYMENT', issuedBy: { type: 'API_KEY' } });
      stopId = res.body.id;
      expect((await check(bankB.apiKey, { ...acct, direction: 'IN', channel: 'ONLINE', amount: '1', transactionId: 'e-1' })).body).toMatchObject({ allowed: false, effectiveLevel: 'FROZEN', reasons: [stopId] });
      clock.advance(48 * HOUR - 1);
      expect((await check(bankB.apiKey, { ...acct, direction: 'IN', channel: 'ONLINE', amount: '1', transactionId: 'e-2' })).body.effectiveLevel).toBe('FROZEN');
      clock.advance(1);
      // The person order underneath is in force again; the freeze is gone.
      expect((await check(bankB.apiKey, { ...acct, direction: 'IN', channel: 'ONLINE', amount: '1', transactionId: 'e-3' })).body).toMatchObject({ allowed: true, effectiveLevel: 'NON_COUNTER_SUSPENDED' });
      const order = await t.request('GET', `/v1/restrictions/orders/${stopId}`, { token: police.tokens.ANALYST });
      expect(order.body).toMatchObject({ status: 'EXPIRED', inForce: false });
      expect(order.body.history.map((e: { type: string }) => e.type)).toEqual(['CREATED']);
    });

    it('the sweep stores the expiry and publishes the change as of the expiry instant', async () => {
      const expiresAt = new Date(clock.now());
      clock.advance(5 * 60_000);
      const swept = await t.app.get(RestrictionExpiryScheduler).runOnce();
      expect(swept.expired).toBeGreaterThanOrEqual(2);
      const order = await t.request('GET', `/v1/restrictions/orders/${stopId}`, { token: police.tokens.ANALYST });
      expect(order.body.history.map((e: { type: string; actor: { type: string } }) => `${e.type}:${e.actor.type}`)).toEqual(['CREATED:API_KEY', 'EXPIRED:SYSTEM']);
      const account = await t.request('GET', `/v1/accounts/${acct.bankCode}/${acct.accountNumber}/restrictions`, { token: bankB.tokens.ANALYST });
      const last = account.body.effectiveChanges[account.body.effectiveChanges.length - 1];
      expect(last).toMatchObject({ previousLevel: 'FROZEN', level: 'NON_COUNTER_SUSPENDED', cause: 'ORDER_EXPIRED', effectiveAt: expiresAt.toISOString() });
      expect((await t.app.get(RestrictionExpiryScheduler).runOnce()).expired).toBe(0);
    });

    it('daily caps start again on the next Shanghai day', async () => {
      const acct1 = { bankCode: 'RB-A', accountNumber: '6222000000000001' };
      const res = await check(bankA.apiKey, { ...acct1, direction: 'OUT', channel: 'MOBILE', amount: '600.00', transactionId: 'tx-next-day' });
      expect(res.body).toMatchObject({ allowed: true, remainingDailyAmount: '400.00', remainingDailyCount: 2 });
    });
  });
});
