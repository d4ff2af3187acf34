import { BlindIndexService } from '../../src/common/crypto/blind-index.service.js';
import { makeResidentId } from '../../src/domain/identity/national-id-factory.js';
import { maskResidentId } from '../../src/domain/identity/national-id.js';
import { NegativeListSubscriber } from '../../src/modules/restrictions/negative-list.subscriber.js';
import { RestrictionsService } from '../../src/modules/restrictions/restrictions.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { seedAccounts, seedInstitution, type SeededInstitution } from '../support/world.js';

const DAY = 86_400_000;
const LISTED = makeResidentId({ divisionCode: '440305', birthDate: '1992-02-02', sequence: 21 });
const APPELLANT = makeResidentId({ divisionCode: '440306', birthDate: '1988-08-08', sequence: 22 });

function personEntry(idNumber: string, measures: string[]): Record<string, unknown> {
  return {
    subject: { type: 'PERSON', idNumber, name: '李明' },
    category: 'ACCOUNT_SELLER',
    fraudType: 'ORDER_BRUSHING',
    legalBasis: '公安机关认定出售银行账户',
    legalBasisDocNo: '深公(反诈)认字〔2026〕301号',
    measures,
  };
}

interface Order {
  id: string;
  level: string;
  status: string;
  target: { type: string; holderMasked?: string; bankCode?: string; accountNumber?: string };
  basis: { type: string; reference: string };
  policy?: { policyId: string; eventId: string };
  provisional: boolean;
  expiresAt: string | null;
  supersedesOrderId: string | null;
}

describe('restriction policies: negative-list entries and alerts make orders', () => {
  const clock = new TestClock('2026-11-21T02:00:00.000Z');
  let t: TestApp;
  let bankA: SeededInstitution;
  let bankB: SeededInstitution;
  let regulator: SeededInstitution;

  const byBasis = async (basisRef: string): Promise<Order[]> =>
    (await t.request('GET', `/v1/restrictions/orders?basisRef=${encodeURIComponent(basisRef)}&limit=100`, { token: regulator.tokens.ANALYST })).body.items;
  const check = (apiKey: string, bankCode: string, accountNumber: string) =>
    t.request('POST', '/v1/restrictions/check', { apiKey, body: { bankCode, accountNumber, direction: 'OUT', channel: 'MOBILE', amount: '100.00', transactionId: `t-${Math.random()}` } });
  const settled = () => t.app.get(NegativeListSubscriber).idle();

  beforeAll(async () => {
    t = await startTestApp({ clock });
    bankA = await seedInstitution(t, 'PB-A');
    bankB = await seedInstitution(t, 'PB-B');
    regulator = await seedInstitution(t, 'PBOC-GZ', 'REGULATOR');
    const row = (bankCode: string, accountNumber: string, institutionId: string, idNumber: string, openedDaysAgo: number) => ({
      bankCode,
      accountNumber,
      institutionId,
      idNumber,
      accountClass: 'II',
      openedAt: new Date(clock.now().getTime() - openedDaysAgo * DAY),
      source: 'OPENING' as const,
      updatedAt: clock.now(),
    });
    await seedAccounts(t, [
      row('PB-A', '6222111100000001', bankA.id, LISTED, 300),
      row('PB-B', '6228111100000002', bankB.id, LISTED, 200),
      row('PB-A', '6222111100000003', bankA.id, APPELLANT, 100),
      row('PB-B', '6228111100000004', bankB.id, APPELLANT, 5),
    ]);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  describe('policies', () => {
    it('start as the built-in defaults', async () => {
      const res = await t.request('GET', '/v1/restrictions/policies', { token: bankA.tokens.ANALYST });
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(0);
      expect(res.body.policies.map((p: { id: string }) => p.id)).toEqual(['default.entry.no-new-accounts', 'default.entry.non-counter-suspended', 'default.alert.critical-pass-through-new-account']);
    });

    it('only the operator\u2019s admin edits them, and every policy is validated', async () => {
      const current = (await t.request('GET', '/v1/restrictions/policies', { token: bankA.tokens.ANALYST })).body.policies;
      expect((await t.request('PUT', '/v1/restrictions/policies', { token: bankA.tokens.ADMIN, body: { policies: current } })).status).toBe(403);
      const bad = await t.request('PUT', '/v1/restrictions/policies', {
        token: await t.adminToken(),
        body: { policies: [...current, { id: 'x', trigger: { kind: 'ALERT', detector: 'FAN_IN', minSeverity: 'SEVERE' }, action: { level: 'LOCKED', provisional: false } }, current[0]] },
      });
      expect(bad.status).toBe(422);
      expect(bad.body.code).toBe('RESTRICTION_INVALID_POLICY');
      expect(bad.body.problems.map((p: { index: number }) => p.index)).toEqual([3, 4]);
      const ok = await t.request('PUT', '/v1/restrictions/policies', {
        token: await t.adminToken(),
        body: { policies: [...current, { id: 'alert.fan-in-high', trigger: { kind: 'ALERT', detector: 'FAN_IN', minSeverity: 'HIGH' }, action: { level: 'ENHANCED_MONITORING', termHours: 72, provisional: false } }] },
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ version: 1, updatedBy: expect.stringContaining('USER:') });
      const history = await t.request('GET', '/v1/restrictions/policies/history', { token: regulator.tokens.ANALYST });
      expect(history.body.map((h: { version: number }) => h.version)).toEqual([1]);
    });
  });

  describe('negative-list entries', () => {
    let entryId: string;

    it('a regulator\u2019s listing restricts the person at every bank at once, each order naming its policy and event', async () => {
      const entry = await t.request('POST', '/v1/negative-list/entries', { token: regulator.tokens.SUPERVISOR, body: personEntry(LISTED, ['NO_NEW_ACCOUNTS', 'NON_COUNTER_SUSPENDED']) });
      expect(entry.status).toBe(201);
      entryId = entry.body.id;
      await settled();
      const orders = await byBasis(entryId);
      expect(orders).toHaveLength(2);
      const eventId = `negative-list:${entryId}:v1`;
      expect(orders.find((o) => o.level === 'NO_NEW_ACCOUNTS')).toMatchObject({ status: 'ACTIVE', target: { type: 'PERSON', holderMasked: maskResidentId(LISTED) }, basis: { type: 'NEGATIVE_LIST_ENTRY', reference: entryId }, policy: { policyId: 'default.entry.no-new-accounts', eventId }, expiresAt: entry.body.expiresAt });
      expect(orders.find((o) => o.level === 'NON_COUNTER_SUSPENDED')).toMatchObject({ status: 'ACTIVE', policy: { policyId: 'default.entry.non-counter-suspended', eventId } });
      expect((await check(bankA.apiKey, 'PB-A', '6222111100000001')).body).toMatchObject({ allowed: false, code: 'NON_COUNTER_OUTFLOW_SUSPENDED' });
      expect((await check(bankB.apiKey, 'PB-B', '6228111100000002')).body).toMatchObject({ allowed: false, code: 'NON_COUNTER_OUTFLOW_SUSPENDED' });
      const holderKey = t.app.get(BlindIndexService).of('RESIDENT_ID', LISTED);
      expect(t.app.get(RestrictionsService).personMeasures(holderKey).noNewAccounts).toBe(true);
    });

    it('handling the same entry version again changes nothing', async () => {
      const service = t.app.get(RestrictionsService);
      const holderKey = t.app.get(BlindIndexService).of('RESIDENT_ID', LISTED);
      const again = await service.entryInForce({
        entryId,
        version: 1,
        status: 'ACTIVE',
        subject: { kind: 'PERSON', holderKey, masked: maskResidentId(LISTED) },
        measures: ['NO_NEW_ACCOUNTS', 'NON_COUNTER_SUSPENDED'],
        effectiveFrom: clock.now(),
        expiresAt: new Date(clock.now().getTime() + 700 * DAY),
        contributorInstitutionId: regulator.id,
      });
      expect(again.created).toHaveLength(0);
      expect(again.existing).toHaveLength(2);
      expect(again.lifted).toHaveLength(0);
      expect(await byBasis(entryId)).toHaveLength(2);
    });

    it('an amendment supersedes the earlier version\u2019s orders and lifts those no policy asks for any more', async () => {
      const amended = await t.request('PATCH', `/v1/negative-list/entries/${entryId}`, { token: regulator.tokens.SUPERVISOR, body: { reason: 'court ruling: account opening ban only', measures: ['NO_NEW_ACCOUNTS'] } });
      expect(amended.status).toBe(200);
      await settled();
      const orders = await byBasis(entryId);
      const byStatus = orders.map((o) => `${o.level}:${o.status}`).sort();
      expect(byStatus).toEqual(['NON_COUNTER_SUSPENDED:LIFTED', 'NO_NEW_ACCOUNTS:ACTIVE', 'NO_NEW_ACCOUNTS:SUPERSEDED']);
      const current = orders.find((o) => o.status === 'ACTIVE')!;
      expect(current.policy!.eventId).toBe(`negative-list:${entryId}:v2`);
      expect(current.supersedesOrderId).toBe(orders.find((o) => o.status === 'SUPERSEDED')!.id);
      expect((await check(bankA.apiKey, 'PB-A', '6222111100000001')).body).toMatchObject({ allowed: true, effectiveLevel: null });
    });

    it('revoking the entry lifts every order based on it', async () => {
      const revoked = await t.request('POST', `/v1/negative-list/entries/${entryId}/revoke`, { token: regulator.tokens.SUPERVISOR, body: { reason: 'listed in error' } });
      expect(revoked.status).toBe(200);
      await settled();
      const orders = await byBasis(entryId);
      expect(orders.filter((o) => o.status === 'ACTIVE' || o.status === 'PENDING_APPROVAL')).toEqual([]);
      const lifted = await t.request('GET', `/v1/restrictions/orders/${orders.find((o) => o.level === 'NO_NEW_ACCOUNTS' && o.status === 'LIFTED')!.id}`, { token: regulator.tokens.ANALYST });
      expect(lifted.body.history.at(-1)).toMatchObject({ type: 'LIFTED', actor: { type: 'SYSTEM' }, reason: expect.stringContaining('revoked') });
      expect(t.app.get(RestrictionsService).personMeasures(t.app.get(BlindIndexService).of('RESIDENT_ID', LISTED)).noNewAccounts).toBe(false);
    });

    it('a bank\u2019s listing needs its supervisor\u2019s approval; an upheld appeal lifts the orders everywhere', async () => {
      const entry = await t.request('POST', '/v1/negative-list/entries', { token: bankA.tokens.SUPERVISOR, body: personEntry(APPELLANT, ['NON_COUNTER_SUSPENDED']) });
      expect(entry.status).toBe(201);
      await settled();
      const [pending] = await byBasis(entry.body.id);
      expect(pending).toMatchObject({ status: 'PENDING_APPROVAL', level: 'NON_COUNTER_SUSPENDED' });
      expect((await check(bankB.apiKey, 'PB-B', '6228111100000004')).body.allowed).toBe(true);
      const approved = await t.request('POST', `/v1/restrictions/orders/${pending!.id}/approve`, { token: bankA.tokens.SUPERVISOR, body: {} });
      expect(approved.body.status).toBe('ACTIVE');
      expect((await check(bankB.apiKey, 'PB-B', '6228111100000004')).body).toMatchObject({ allowed: false, reasons: [pending!.id] });

      const appeal = await t.request('POST', `/v1/negative-list/entries/${entry.body.id}/appeals`, { token: bankB.tokens.ANALYST, body: { grounds: 'the account was stolen, police report attached' } });
      expect(appeal.status).toBe(201);
      const decided = await t.request('POST', `/v1/negative-list/appeals/${appeal.body.id}/decision`, { token: bankA.tokens.SUPERVISOR, body: { outcome: 'UPHELD', reason: 'police report verified' } });
      expect(decided.status).toBe(200);
      await settled();
      const order = await t.request('GET', `/v1/restrictions/orders/${pending!.id}`, { token: regulator.tokens.ANALYST });
      expect(order.body).toMatchObject({ status: 'LIFTED' });
      expect(order.body.history.at(-1).reason).toContain('appeal');
      expect(order.body.history.at(-1).details).toMatchObject({ release: 'APPEAL_UPHELD' });
      expect((await check(bankB.apiKey, 'PB-B', '6228111100000004')).body.allowed).toBe(true);
    });
  });

  describe('alerts', () => {
    const alert = (over: Record<string, unknown>) => ({ alertId: 'ALERT-1', detector: 'RAPID_PASS_THROUGH', severity: 'CRITICAL' as const, occurredAt: clock.now(), bankCode: 'PB-B', accountNumber: '6228111100000004', ...over });

    it('a critical pass-through on an account opened days ago freezes it for 48 hours, provisionally', async () => {
      const service = t.app.get(RestrictionsService);
      const outcome = await service.onAlert(alert({}));
      expect(outcome.created).toHaveLength(1);
      const order = outcome.created[0]!;
      expect(order).toMatchObject({ level: 'FROZEN', status: 'ACTIVE', provisional: true, basisType: 'ALERT', basisRef: 'ALERT-1', policyId: 'default.alert.critical-pass-through-new-account', policyEventId: 'alert:ALERT-1', issuerInstitutionId: bankB.id });
      expect(order.expiresAt!.getTime() - order.effectiveFrom.getTime()).toBe(2 * DAY);
      expect((await check(bankB.apiKey, 'PB-B', '6228111100000004')).body).toMatchObject({ allowed: false, code: 'FROZEN', reasons: [order.id] });
      const again = await service.onAlert(alert({}));
      expect(again.created).toHaveLength(0);
      expect(again.existing.map((o) => o.id)).toEqual([order.id]);
      const provisional = await t.request('GET', '/v1/restrictions/orders?provisional=true', { token: bankB.tokens.ANALYST });
      expect(provisional.body.items.map((o: Order) => o.id)).toEqual([order.id]);
    });

    it('does nothing for an older account or a lower severity; other policies apply by detector', async () => {
      const service = t.app.get(RestrictionsService);
      expect((await service.onAlert(alert({ alertId: 'ALERT-2', bankCode: 'PB-A', accountNumber: '6222111100000003' }))).created).toHaveLength(0);
      expect((await service.onAlert(alert({ alertId: 'ALERT-3', severity: 'HIGH' }))).created).toHaveLength(0);
      const fanIn = await service.onAlert(alert({ alertId: 'ALERT-4', detector: 'FAN_IN', severity: 'HIGH', bankCode: 'PB-A', accountNumber: '6222111100000003' }));
      expect(fanIn.created.map((o) => `${o.level}:${o.status}:${o.policyId}`)).toEqual(['ENHANCED_MONITORING:ACTIVE:alert.fan-in-high']);
      expect((await check(bankA.apiKey, 'PB-A', '6222111100000003')).body).toMatchObject({ allowed: true, effectiveLevel: 'ENHANCED_MONITORING', code: 'MONITORED', flagged: true });
    });
  });
});
