import { makeResidentId } from '../../src/domain/identity/national-id-factory.js';
import { aTransfer, anAccount, resetTransferIds, T0 } from '../support/builders/transfer.builder.js';
import { OPERATOR_KEY, startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { seedInstitution, type SeededInstitution } from '../support/world.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
/** Each test starts a day later: the engine's watermark only moves forward. */
const day = (n: number): number => T0 + n * DAY;
/** Institution codes equal to bank codes: accounts under these codes belong to these banks. */
const BANK_A = 'BKA102100';
const BANK_B = 'BKB103100';

describe('transfers over HTTP (in-process pipeline)', () => {
  let t: TestApp;
  let bankA: SeededInstitution;
  let bankB: SeededInstitution;
  let regulator: SeededInstitution;
  const clock = new TestClock('2025-03-03T02:00:00.000Z');

  beforeAll(async () => {
    t = await startTestApp({ clock });
    bankA = await seedInstitution(t, BANK_A);
    bankB = await seedInstitution(t, BANK_B);
    regulator = await seedInstitution(t, 'PBOC-SH', 'REGULATOR');
  }, 60_000);
  afterAll(async () => {
    await t.close();
  }, 30_000);

  const post = (apiKey: string, events: unknown[]) => t.request('POST', '/v1/transfers', { apiKey, body: { events } });

  it('answers each event of a batch on its own, rejecting bad ones with the field at fault', async () => {
    resetTransferIds(1, 'batch');
    const good = aTransfer().from(anAccount(1, BANK_B)).to(anAccount(2, BANK_A)).amount('100.00').at(T0).build();
    const floatAmount = { ...aTransfer().from(anAccount(1, BANK_B)).build(), amount: 100.5 };
    const noOffset = { ...aTransfer().from(anAccount(1, BANK_B)).build(), occurredAt: '2025-03-03T10:00:00' };
    const threeDecimals = { ...aTransfer().from(anAccount(1, BANK_B)).build(), amount: '1.005' };
    const withdrawalWithCreditor = { ...aTransfer().from(anAccount(1, BANK_B)).withdrawal().build(), creditor: anAccount(2, BANK_A) };
    const unknownField = { ...aTransfer().from(anAccount(1, BANK_B)).build(), fee: '1.00' };
    const impossibleDate = { ...aTransfer().from(anAccount(1, BANK_B)).build(), occurredAt: '2025-02-30T10:00:00+08:00' };
    const res = await post(bankB.apiKey, [good, floatAmount, noOffset, threeDecimals, withdrawalWithCreditor, unknownField, impossibleDate, 'not an object', good]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 1, duplicates: 1, rejected: 7, queued: 0 });
    const r = res.body.results;
    expect(r.map((x: { status: string }) => x.status)).toEqual(['ACCEPTED', 'REJECTED', 'REJECTED', 'REJECTED', 'REJECTED', 'REJECTED', 'REJECTED', 'REJECTED', 'DUPLICATE']);
    expect(r[1]).toMatchObject({ index: 1, eventId: floatAmount.eventId, error: { code: 'VALIDATION_FAILED', field: 'amount' } });
    expect(r[2].error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'occurredAt' });
    expect(r[3].error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'amount' });
    expect(r[4].error).toMatchObject({ code: 'INVALID_TRANSFER_EVENT', field: 'creditor' });
    expect(r[5].error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'fee' });
    expect(r[6].error).toMatchObject({ code: 'INVALID_OCCURRED_AT', field: 'occurredAt' });
    expect(r[7]).toMatchObject({ eventId: null, error: { code: 'INVALID_TRANSFER_EVENT' } });

    const again = await post(bankB.apiKey, [good]);
    expect(again.body.results[0]).toMatchObject({ status: 'DUPLICATE', eventId: good.eventId });
  }, 30_000);

  it('publishes the event shape in OpenAPI', async () => {
    const doc = await t.request('GET', '/docs-json');
    const schemas = doc.body.components.schemas;
    expect(schemas.TransferEventDto.required).toEqual(expect.arrayContaining(['eventId', 'occurredAt', 'type', 'channel', 'amount', 'currency']));
    expect(schemas.TransferEventDto.properties.amount).toMatchObject({ type: 'string', pattern: '^(0|[1-9]\\d*)(\\.\\d{1,2})?$' });
    expect(schemas.TransferBatchDto.properties.events).toMatchObject({ type: 'array', maxItems: 1000, items: { $ref: '#/components/schemas/TransferEventDto' } });
    expect(doc.body.paths['/v1/alerts'].get).toBeDefined();
  }, 30_000);

  it('refuses a batch over 1,000 events or an empty one, and events between other banks\' accounts', async () => {
    resetTransferIds(1, 'big');
    const many = Array.from({ length: 1001 }, () => aTransfer().from(anAccount(1, BANK_B)).build());
    expect((await post(bankB.apiKey, many)).status).toBe(400);
    expect((await post(bankB.apiKey, [])).status).toBe(400);
    const notMine = aTransfer().from(anAccount(5, BANK_A)).to(anAccount(6, BANK_A)).build();
    const res = await post(bankB.apiKey, [notMine]);
    expect(res.body.results[0]).toMatchObject({ status: 'REJECTED', error: { code: 'TRANSFER_NOT_YOURS' } });
    // The operator may report any event.
    expect((await post(OPERATOR_KEY, [notMine])).body.results[0].status).toBe('ACCEPTED');
  }, 30_000);

  it('raises FAN_IN at the tenth distinct sender, not the ninth, and keeps one alert as more senders arrive', async () => {
    resetTransferIds(1, 'fanin');
    const collector = anAccount(100, BANK_A);
    const send = (i: number) => aTransfer().from(anAccount(200 + i, BANK_B)).to(collector).amount('600.00').at(day(1) + i * 2 * MIN).build();
    const nine = await post(bankB.apiKey, Array.from({ length: 9 }, (_, i) => send(i)));
    expect(nine.body.accepted).toBe(9);
    const admin = await t.adminToken();
    const account = `${BANK_A}:${collector.accountNumber}`;
    expect((await t.request('GET', `/v1/alerts?account=${account}`, { token: admin })).body.items).toHaveLength(0);

    await post(bankB.apiKey, [send(9)]);
    const ten = await t.request('GET', `/v1/alerts?account=${account}`, { token: admin });
    expect(ten.body.items).toHaveLength(1);
    const alert = ten.body.items[0];
    expect(alert).toMatchObject({ detector: 'FAN_IN', severity: 'MEDIUM', fireCount: 1, version: 1 });
    expect(alert.evidence.aggregates).toMatchObject({ distinctSenders: 10, inflows: 10, inflowFen: 600000 });
    expect(alert.evidence.eventIds).toHaveLength(10);
    expect(alert.dedupKey).toBe(`FAN_IN:${account}:20250304`);

    await post(bankB.apiKey, [send(10), send(11)]);
    const later = await t.request('GET', `/v1/alerts?account=${account}`, { token: admin });
    expect(later.body.items).toHaveLength(1);
    // Two firings in one batch are one write: the version counts writes, the fire count firings.
    expect(later.body.items[0]).toMatchObject({ id: alert.id, fireCount: 3, version: 2 });
    expect(later.body.items[0].evidence.aggregates.distinctSenders).toBe(12);

    // The collector's bank sees it in full; the senders' bank does not see it at all.
    const mine = await t.request('GET', `/v1/alerts?detector=FAN_IN`, { token: bankA.tokens.ANALYST });
    expect(mine.body.items.map((a: { id: string }) => a.id)).toContain(alert.id);
    expect(mine.body.items[0].subjects[0]).toMatchObject({ bankCode: BANK_A, accountNumber: collector.accountNumber, own: true, masked: false });
    expect(mine.body.items[0].dedupKey).toBeNull();
    expect((await t.request('GET', '/v1/alerts', { token: bankB.tokens.ANALYST })).body.items).toHaveLength(0);
    expect((await t.request('GET', `/v1/alerts/${alert.id}`, { token: bankB.tokens.ANALYST })).status).toBe(404);
    expect((await t.request('GET', `/v1/alerts/${alert.id}`, { apiKey: bankA.apiKey })).status).toBe(200);
    expect((await t.request('GET', `/v1/alerts/${alert.id}`, { token: regulator.tokens.ANALYST })).status).toBe(200);
  }, 30_000);

  it('warns about the sender of a transfer to a listed account, graded by amount and age, and opens cases at both banks', async () => {
    resetTransferIds(1, 'victim');
    const mule = anAccount(300, BANK_A);
    const listed = await t.request('POST', '/v1/negative-list/entries', {
      token: bankA.tokens.SUPERVISOR,
      body: {
        subject: { type: 'ACCOUNT', bankCode: BANK_A, accountNumber: mule.accountNumber, name: '李某' },
        category: 'CASE_ACCOUNT',
        fraudType: 'FAKE_INVESTMENT',
        legalBasis: '公安机关涉案账户通报',
        measures: ['NON_COUNTER_SUSPENDED'],
      },
    });
    expect(listed.status).toBe(201);
    const elderly = makeResidentId({ divisionCode: '310104', birthDate: '1950-06-01', sequence: 12, sex: 'FEMALE' });
    const victim = anAccount(301, BANK_B, { idNumber: elderly, name: '王芳' });
    const res = await post(bankB.apiKey, [aTransfer().from(victim).to(mule).amount('12000.00').at(day(2)).build()]);
    expect(res.body.results[0].status).toBe('ACCEPTED');
    expect(res.body.results[0].alerts).toEqual([expect.objectContaining({ detector: 'VICTIM_WARNING', severity: 'CRITICAL' })]);
    const alertId = res.body.results[0].alerts[0].id;

    const seenByB = await t.request('GET', `/v1/alerts/${alertId}`, { token: bankB.tokens.ANALYST });
    expect(seenByB.body.subjects[0]).toMatchObject({ bankCode: BANK_B, accountNumber: victim.accountNumber, own: true });
    expect(seenByB.body.subjects[1]).toMatchObject({ bankCode: BANK_A, own: false, masked: true });
    expect(seenByB.body.subjects[1].accountNumber).not.toBe(mule.accountNumber);
    expect(seenByB.body.evidence.aggregates).toMatchObject({ grade: 'VISIT', senderAgeYears: 74 });
    expect(seenByB.body.evidence.aggregates.creditorAccount).not.toContain(mule.accountNumber);
    const seenByA = await t.request('GET', `/v1/alerts/${alertId}`, { token: bankA.tokens.ANALYST });
    expect(seenByA.body.subjects[1]).toMatchObject({ accountNumber: mule.accountNumber, own: true });

    for (const bank of [bankA, bankB]) {
      const cases = await t.request('GET', '/v1/cases?source=ALERT', { token: bank.tokens.ANALYST });
      expect(cases.status).toBe(200);
      expect(cases.body.items.some((c: { findingCodes: string[] }) => c.findingCodes.includes('VICTIM_WARNING'))).toBe(true);
    }
  }, 30_000);

  it('pages alerts newest first with a cursor and filters by detector and severity', async () => {
    resetTransferIds(1, 'struct');
    const events = [];
    for (let a = 0; a < 3; a++) {
      for (let k = 0; k < 3; k++) {
        events.push(aTransfer().from(anAccount(400 + a, BANK_B)).withdrawal().amount('46000.00').at(day(3) + (a * 3 + k) * 20 * MIN).build());
      }
    }
    expect((await post(bankB.apiKey, events)).body.accepted).toBe(9);
    const token = bankB.tokens.ANALYST;
    const first = await t.request('GET', '/v1/alerts?detector=STRUCTURING&limit=2', { token });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.request('GET', `/v1/alerts?detector=STRUCTURING&limit=2&cursor=${first.body.nextCursor}`, { token });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.items, ...second.body.items].map((a: { id: string }) => a.id);
    expect(new Set(ids).size).toBe(3);
    expect(first.body.items[0].subjects[0].accountNumber).toBe(anAccount(402).accountNumber);
    expect((await t.request('GET', '/v1/alerts?minSeverity=CRITICAL&detector=STRUCTURING', { token })).body.items).toHaveLength(0);
    expect((await t.request('GET', '/v1/alerts?severity=HIGH&detector=STRUCTURING', { token })).body.items).toHaveLength(3);
    expect((await t.request('GET', '/v1/alerts?detector=NOPE', { token })).status).toBe(400);
    expect((await t.request('GET', '/v1/alerts?cursor=abc', { token })).status).toBe(400);
  }, 30_000);

  it('hands alerts to the restriction policies: a CRITICAL pass-through on a days-old account is frozen', async () => {
    resetTransferIds(1, 'freeze');
    const mule = anAccount(600, BANK_A);
    await t.database.dataSource.query(
      `INSERT INTO bank_accounts (bank_code, account_number, institution_id, holder_type, holder_key, holder_masked, opened_at, source, updated_at)
       VALUES ($1, $2, $3, 'PERSON', 'cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34', '110105********0022', $4, 'OPENING', $4)`,
      [BANK_A, mule.accountNumber, bankA.id, new Date(day(5) - 3 * DAY)],
    );
    const res = await post(OPERATOR_KEY, [
      aTransfer().from(anAccount(601, BANK_B)).to(mule).amount('60000.00').at(day(5)).build(),
      aTransfer().from(mule).to(anAccount(602, BANK_B)).amount('59000.00').at(day(5) + 4 * MIN).build(),
    ]);
    expect(res.body.results[1].alerts).toEqual(expect.arrayContaining([expect.objectContaining({ detector: 'RAPID_PASS_THROUGH', severity: 'CRITICAL' })]));
    const state = await t.request('GET', `/v1/accounts/${BANK_A}/${mule.accountNumber}/restrictions`, { token: bankA.tokens.ANALYST });
    expect(state.status).toBe(200);
    expect(state.body.orders).toEqual([expect.objectContaining({ level: 'FROZEN', policy: expect.objectContaining({ policyId: 'default.alert.critical-pass-through-new-account' }) })]);
  }, 30_000);

  it('asks the account registry how old an account is (NEW_ACCOUNT_LARGE)', async () => {
    resetTransferIds(1, 'newacct');
    const fresh = anAccount(500, BANK_A);
    await t.database.dataSource.query(
      `INSERT INTO bank_accounts (bank_code, account_number, institution_id, holder_type, holder_key, holder_masked, opened_at, source, updated_at)
       VALUES ($1, $2, $3, 'PERSON', 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12', '110105********0011', $4, 'OPENING', $4)`,
      [BANK_A, fresh.accountNumber, bankA.id, new Date(day(6) - 5 * DAY)],
    );
    const res = await post(bankA.apiKey, [
      aTransfer().from(anAccount(501, BANK_B)).to(fresh).amount('30000.00').at(day(6) + 60 * MIN).build(),
      aTransfer().from(anAccount(502, BANK_B)).to(fresh).amount('25000.00').at(day(6) + 70 * MIN).build(),
    ]);
    expect(res.body.accepted).toBe(2);
    expect(res.body.results[1].alerts).toEqual([expect.objectContaining({ detector: 'NEW_ACCOUNT_LARGE' })]);
    expect(res.body.results[0].alerts).toEqual([]);
  }, 30_000);

  it('learns from a bank that an account was silent for months (DORMANT_REACTIVATED), and shows the stream status to the operator', async () => {
    resetTransferIds(1, 'dormant');
    const sleeper = anAccount(700, BANK_A);
    const lastActivityAt = new Date(day(7) - 200 * DAY + 8 * 3600_000).toISOString().replace('Z', '+00:00');
    const refused = await t.request('POST', '/v1/transfers/account-activity', { apiKey: bankB.apiKey, body: { accounts: [{ bankCode: BANK_A, accountNumber: sleeper.accountNumber, lastActivityAt }] } });
    expect(refused.body).toEqual({ recorded: 0, refused: [`${BANK_A}:${sleeper.accountNumber}`] });
    const recorded = await t.request('POST', '/v1/transfers/account-activity', { apiKey: bankA.apiKey, body: { accounts: [{ bankCode: BANK_A, accountNumber: sleeper.accountNumber, lastActivityAt }] } });
    expect(recorded.body).toEqual({ recorded: 1, refused: [] });
    const res = await post(OPERATOR_KEY, [
      aTransfer().from(anAccount(701, BANK_B)).to(sleeper).amount('60000.00').at(day(7)).build(),
      aTransfer().from(sleeper).to(anAccount(702, BANK_B)).amount('55000.00').at(day(7) + 90 * MIN).build(),
    ]);
    expect(res.body.results[0].alerts).toEqual([expect.objectContaining({ detector: 'DORMANT_REACTIVATED', severity: 'HIGH' })]);
    const alert = await t.request('GET', `/v1/alerts/${res.body.results[0].alerts[0].id}`, { token: bankA.tokens.ANALYST });
    expect(alert.body.evidence.aggregates).toMatchObject({ dormantDays: 199, movedFen: 6000000 });

    const status = await t.request('GET', '/v1/transfers/status', { apiKey: OPERATOR_KEY });
    expect(status.body).toMatchObject({ kafka: false, partitions: [-1], latestEventAt: new Date(day(7) + 90 * MIN).toISOString() });
    expect(status.body.windowAccounts).toBeGreaterThan(0);
    expect((await t.request('GET', '/v1/transfers/status', { apiKey: bankA.apiKey })).status).toBe(403);
  }, 30_000);
});
