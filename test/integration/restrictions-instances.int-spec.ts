import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { makeResidentId } from '../../src/domain/identity/national-id-factory.js';
import { shanghaiDay } from '../../src/domain/restrictions/index.js';
import { CapUsageStore } from '../../src/modules/restrictions/cap-usage.store.js';
import { EffectiveStateService } from '../../src/modules/restrictions/effective-state.service.js';
import { RestrictionsRepository } from '../../src/modules/restrictions/restrictions.repository.js';
import { accountKeyOf } from '../../src/modules/restrictions/restriction-view.js';
import type { ScratchDatabase } from '../support/databases.js';
import { startTestBroker, type TestBroker } from '../support/kafka-broker/index.js';
import { waitFor } from '../support/kafka-broker/wait-for.js';
import { startTestApp, startTwoInstances, stopInstances, type TestApp } from '../support/test-app.js';
import { seedAccounts, seedInstitution, type SeededInstitution } from '../support/world.js';

const HOLDER = makeResidentId({ divisionCode: '440305', birthDate: '1993-09-09', sequence: 41 });
const DAY = 86_400_000;

async function addAccounts(t: TestApp, rows: Array<{ bankCode: string; accountNumber: string; institutionId: string }>): Promise<void> {
  await seedAccounts(t, rows.map((r) => ({ ...r, idNumber: HOLDER, openedAt: new Date('2024-01-01T00:00:00Z'), updatedAt: new Date() })));
}

function checkBody(bankCode: string, accountNumber: string, transactionId: string, amount = '100.00', direction = 'OUT'): Record<string, unknown> {
  return { bankCode, accountNumber, direction, channel: 'MOBILE', amount, transactionId };
}

describe('restrictions across two instances on one PostgreSQL (LISTEN/NOTIFY)', () => {
  let db: ScratchDatabase;
  let a: TestApp;
  let b: TestApp;
  let bank: SeededInstitution;
  let regulator: SeededInstitution;

  beforeAll(async () => {
    ({ db, a, b } = await startTwoInstances('restr', { env: { RESTRICTION_CAP_FLUSH_MS: '20' } }));
    bank = await seedInstitution(a, 'IB-A');
    regulator = await seedInstitution(a, 'PBOC-X', 'REGULATOR');
    await addAccounts(a, [
      { bankCode: 'IB-A', accountNumber: '6222444400000001', institutionId: bank.id },
      { bankCode: 'IB-A', accountNumber: '6222444400000002', institutionId: bank.id },
      { bankCode: 'IB-A', accountNumber: '6222444400000003', institutionId: bank.id },
    ]);
  }, 60_000);
  afterAll(async () => {
    await stopInstances(db, b, a);
  }, 30_000);

  it('an order made in one instance is reflected by the other\u2019s check, and a lift too', async () => {
    const order = await a.request('POST', '/v1/restrictions/orders', {
      token: bank.tokens.ANALYST,
      body: { target: { type: 'ACCOUNT', bankCode: 'IB-A', accountNumber: '6222444400000001' }, level: 'ENHANCED_MONITORING', basis: { type: 'ALERT', reference: 'A-1' }, expiresAt: new Date(Date.now() + DAY).toISOString() },
    });
    expect(order.status).toBe(201);
    await waitFor(async () => (await b.request('POST', '/v1/restrictions/check', { apiKey: bank.apiKey, body: checkBody('IB-A', '6222444400000001', 'x1') })).body.effectiveLevel === 'ENHANCED_MONITORING', {
      timeoutMs: 5000,
      description: 'instance B to see the order',
    });
    await b.request('POST', `/v1/restrictions/orders/${order.body.id}/lift`, { token: bank.tokens.SUPERVISOR, body: { reason: 'alert closed as false positive' } });
    await waitFor(async () => (await a.request('POST', '/v1/restrictions/check', { apiKey: bank.apiKey, body: checkBody('IB-A', '6222444400000001', 'x2') })).body.effectiveLevel === null, {
      timeoutMs: 5000,
      description: 'instance A to see the lift',
    });
  });

  it('a person order reaches the other instance with the person\u2019s accounts', async () => {
    const order = await a.request('POST', '/v1/restrictions/orders', {
      token: regulator.tokens.ANALYST,
      body: { target: { type: 'PERSON', idNumber: HOLDER }, level: 'FROZEN', basis: { type: 'POLICE_ORDER', reference: '深公(刑)冻字〔2026〕5号' } },
    });
    expect(order.body.status).toBe('ACTIVE');
    await waitFor(async () => (await b.request('POST', '/v1/restrictions/check', { apiKey: bank.apiKey, body: checkBody('IB-A', '6222444400000002', 'y1', '1.00', 'IN') })).body.effectiveLevel === 'FROZEN', {
      timeoutMs: 5000,
      description: 'instance B to freeze the person\u2019s account',
    });
    await a.request('POST', `/v1/restrictions/orders/${order.body.id}/lift`, { token: regulator.tokens.SUPERVISOR, body: { reason: 'police released the freeze' } });
    await waitFor(async () => (await b.request('POST', '/v1/restrictions/check', { apiKey: bank.apiKey, body: checkBody('IB-A', '6222444400000002', 'y2', '1.00', 'IN') })).body.allowed === true, { timeoutMs: 5000, description: 'the release' });
  });

  it('shares counted capped outflows with the other instance and keeps them over a restart', async () => {
    const acct = { bankCode: 'IB-A', accountNumber: '6222444400000003' };
    const order = await a.request('POST', '/v1/restrictions/orders', {
      token: bank.tokens.ANALYST,
      body: { target: { type: 'ACCOUNT', ...acct }, level: 'LIMITED_NON_COUNTER', basis: { type: 'CASE', reference: 'C-9' }, expiresAt: new Date(Date.now() + 3 * DAY).toISOString(), dailyLimit: { amount: '1000.00', count: 5 } },
    });
    expect(order.status).toBe(201);
    await waitFor(async () => (await b.request('POST', '/v1/restrictions/check', { apiKey: bank.apiKey, body: checkBody(acct.bankCode, acct.accountNumber, 'probe', '1.00', 'IN') })).body.effectiveLevel === 'LIMITED_NON_COUNTER', {
      timeoutMs: 5000,
      description: 'B to see the limit',
    });
    const first = await a.request('POST', '/v1/restrictions/check', { apiKey: bank.apiKey, body: checkBody(acct.bankCode, acct.accountNumber, 'cap-1', '600.00') });
    expect(first.body).toMatchObject({ allowed: true, remainingDailyAmount: '400.00' });
    const key = accountKeyOf(acct.bankCode, acct.accountNumber);
    const day = shanghaiDay(new Date());
    await waitFor(() => b.app.get(CapUsageStore).ledger.usage(key, day).amountFenToday === 60_000, { timeoutMs: 5000, description: 'B to hear of the counted outflow' });
    const onB = await b.request('POST', '/v1/restrictions/check', { apiKey: bank.apiKey, body: checkBody(acct.bankCode, acct.accountNumber, 'cap-2', '500.00') });
    expect(onB.body).toMatchObject({ allowed: false, code: 'DAILY_AMOUNT_CAP_EXCEEDED', remainingDailyAmount: '400.00' });

    await b.close();
    b = await startTestApp({ databaseUrl: db.url });
    const afterRestart = await b.request('POST', '/v1/restrictions/check', { apiKey: bank.apiKey, body: checkBody(acct.bankCode, acct.accountNumber, 'cap-3', '500.00') });
    expect(afterRestart.body).toMatchObject({ allowed: false, effectiveLevel: 'LIMITED_NON_COUNTER', code: 'DAILY_AMOUNT_CAP_EXCEEDED', remainingDailyAmount: '400.00', remainingDailyCount: 4 });
    const retry = await b.request('POST', '/v1/restrictions/check', { apiKey: bank.apiKey, body: checkBody(acct.bankCode, acct.accountNumber, 'cap-1', '600.00') });
    expect(retry.body).toMatchObject({ allowed: true, remainingDailyAmount: '400.00', remainingDailyCount: 4 });
  }, 60_000);

  it('records a change once when both instances notice it at the same time', async () => {
    const acct = { bankCode: 'IB-A', accountNumber: '6222444400000001' };
    // An order written behind the services' back: both instances then refresh the account together.
    const id = randomUUID();
    const now = new Date();
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query(
      `INSERT INTO restriction_orders (id, target_type, bank_code, account_number, level, basis_type, basis_ref, issuer_institution_id, issued_by_type, issued_by_id, provisional, effective_from, expires_at, term_source, status, requires_approval, version, created_at, updated_at)
       VALUES ($1, 'ACCOUNT', $2, $3, 'RECEIVE_ONLY', 'CASE', 'C-race', $4, 'SYSTEM', 'test', false, $5, $6, 'EXPLICIT', 'ACTIVE', false, 1, $5, $5)`,
      [id, acct.bankCode, acct.accountNumber, bank.id, now, new Date(now.getTime() + DAY)],
    );
    await c.end();
    const before = (await a.app.get(RestrictionsRepository).changesOf(acct.bankCode, acct.accountNumber)).length;
    const results = await Promise.all([a, b, a, b].map((x) => x.app.get(EffectiveStateService).refresh([acct], 'ORDER_CREATED', id)));
    expect(results.map((r) => r.length).reduce((s, n) => s + n, 0)).toBe(1);
    const changes = await a.app.get(RestrictionsRepository).changesOf(acct.bankCode, acct.accountNumber);
    expect(changes).toHaveLength(before + 1);
    expect(changes.at(-1)).toMatchObject({ level: 'RECEIVE_ONLY', orderIds: [id], seq: before + 1 });
  });
});

describe('restrictions with Kafka: the change feed and restrictions.changes', () => {
  let broker: TestBroker;
  let db: ScratchDatabase;
  let a: TestApp;
  let b: TestApp;
  let bank: SeededInstitution;

  beforeAll(async () => {
    broker = await startTestBroker();
    ({ db, a, b } = await startTwoInstances('restrk', { env: { KAFKA_BROKERS: broker.brokers.join(','), TRANSFERS_CONSUMER: 'false' } }));
    bank = await seedInstitution(a, 'KB-A');
    await addAccounts(a, [{ bankCode: 'KB-A', accountNumber: '6222555500000001', institutionId: bank.id }]);
  }, 90_000);
  afterAll(async () => {
    await stopInstances(db, b, a);
    await broker?.stop();
  }, 60_000);

  it('publishes order and effective changes on restrictions.changes, and the other instance follows', async () => {
    const order = await a.request('POST', '/v1/restrictions/orders', {
      token: bank.tokens.ANALYST,
      body: { target: { type: 'ACCOUNT', bankCode: 'KB-A', accountNumber: '6222555500000001' }, level: 'LIMITED_NON_COUNTER', basis: { type: 'CASE', reference: 'K-1' }, expiresAt: new Date(Date.now() + DAY).toISOString() },
    });
    expect(order.status).toBe(201);
    const payloads = () => broker.producedMessages('restrictions.changes').map((m) => (JSON.parse(m.value!.toString()) as { payload: Record<string, unknown> }).payload);
    await waitFor(() => payloads().some((p) => p.type === 'ACCOUNT_EFFECTIVE_CHANGED'), { timeoutMs: 10_000, description: 'the effective change on Kafka' });
    expect(payloads()).toEqual(
      expect.arrayContaining([
        { type: 'ORDERS_CHANGED', orderIds: [order.body.id] },
        expect.objectContaining({ type: 'ACCOUNT_EFFECTIVE_CHANGED', bankCode: 'KB-A', accountNumber: '6222555500000001', previousLevel: null, level: 'LIMITED_NON_COUNTER', orderIds: [order.body.id], sequence: 1, cause: 'ORDER_CREATED' }),
      ]),
    );
    await waitFor(async () => (await b.request('POST', '/v1/restrictions/check', { apiKey: bank.apiKey, body: checkBody('KB-A', '6222555500000001', 'k1', '1.00', 'IN') })).body.effectiveLevel === 'LIMITED_NON_COUNTER', {
      timeoutMs: 20_000,
      description: 'instance B to follow through Kafka',
    });
  }, 60_000);
});
