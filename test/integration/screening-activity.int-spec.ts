import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { BlindIndexService } from '../../src/common/crypto/blind-index.service.js';
import type { ActivityWindowQuery } from '../../src/domain/screening/index.js';
import { AccountsRepository } from '../../src/modules/accounts/accounts.repository.js';
import type { BankAccountEntity } from '../../src/modules/accounts/bank-account.entity.js';
import { RecentActivityService } from '../../src/modules/screening/recent-activity.service.js';
import type { ScreeningEntity } from '../../src/modules/screening/screening.entity.js';
import { ScreeningsRepository } from '../../src/modules/screening/screenings.repository.js';
import { person } from '../e2e/screening-fixtures.js';
import type { ScratchDatabase } from '../support/databases.js';
import { waitFor } from '../support/kafka-broker/wait-for.js';
import { startTestApp, startTwoInstances, stopInstances, type TestApp } from '../support/test-app.js';
import { seedInstitution, type SeededInstitution } from '../support/world.js';

const DAY = 86_400_000;
const HOLDERS = ['h1', 'h2', 'h3', 'h4', 'h5'].map((h) => h.padEnd(64, '0'));
const PHONES = ['p1', 'p2'].map((h) => h.padEnd(64, '0'));
const DEVICES = ['d1', 'd2'].map((h) => h.padEnd(64, '0'));
const ADDRESSES = ['x1', 'x2'].map((h) => h.padEnd(64, '0'));

function account(n: number, o: { institutionId: string; holderKey: string; phoneKey: string | null; deviceKey: string | null; addressKey: string | null; openedAt: Date }): BankAccountEntity {
  return {
    bankCode: 'IBK',
    accountNumber: `6222${String(n).padStart(12, '0')}`,
    institutionId: o.institutionId,
    branchCode: null,
    holderType: 'PERSON',
    holderKey: o.holderKey,
    holderMasked: '440305********0000',
    holderName: null,
    accountClass: 'I',
    openedAt: o.openedAt,
    source: 'OPENING',
    phoneKey: o.phoneKey,
    deviceKey: o.deviceKey,
    addressKey: o.addressKey,
    screeningId: null,
    closedAt: null,
    updatedAt: new Date(),
  };
}

function application(o: { institutionId: string; holderKey: string; phoneKey: string | null; deviceKey: string | null; addressKey: string | null; at: Date; purpose: ScreeningEntity['purpose'] }): ScreeningEntity {
  return {
    id: randomUUID(),
    institutionId: o.institutionId,
    requestId: randomUUID(),
    purpose: o.purpose,
    requestedBy: 'SYSTEM',
    branchCode: null,
    channel: 'COUNTER',
    applicantType: 'PERSON',
    holderKey: o.holderKey,
    phoneKey: o.phoneKey,
    deviceKey: o.deviceKey,
    addressKey: o.addressKey,
    applicant: {},
    context: {},
    facts: {},
    decision: 'PASS',
    score: 0,
    recommendedAccountClass: null,
    reasons: [],
    ruleSetVersion: '2026.11.1',
    screenedAt: o.at,
  };
}

describe('screening counts held in memory (recent openings and applications)', () => {
  let db: ScratchDatabase;
  let a: TestApp;
  let b: TestApp;
  let banks: SeededInstitution[];

  beforeAll(async () => {
    ({ db, a, b } = await startTwoInstances('activity'));
    banks = [await seedInstitution(a, 'ACT-A'), await seedInstitution(a, 'ACT-B'), await seedInstitution(a, 'ACT-C')];
  }, 60_000);
  afterAll(async () => {
    await stopInstances(db, b, a);
  }, 30_000);

  it('loads accounts and applications from the database and counts what the database statement counts', async () => {
    const now = Date.now();
    const ids = banks.map((x) => x.id);
    const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
    const optional = <T>(xs: readonly T[]) => fc.option(pick(xs), { nil: null });
    const row = fc.record({
      institutionId: pick(ids),
      holderKey: pick(HOLDERS),
      phoneKey: optional(PHONES),
      deviceKey: optional(DEVICES),
      addressKey: optional(ADDRESSES),
      daysAgo: fc.integer({ min: -1, max: 40 }),
      kind: pick(['ACCOUNT', 'ACCOUNT_OPENING', 'SECOND_VERIFICATION'] as const),
    });
    const rows = fc.sample(row, { numRuns: 300, seed: 20261122 });
    const accounts = a.app.get(AccountsRepository);
    const screenings = a.app.get(ScreeningsRepository);
    await accounts.upsertOwned(
      rows.flatMap((r, n) => (r.kind === 'ACCOUNT' ? [account(n, { ...r, openedAt: new Date(now - r.daysAgo * DAY) })] : [])),
    );
    await screenings.insertMany(rows.flatMap((r) => (r.kind === 'ACCOUNT' ? [] : [application({ ...r, at: new Date(now - r.daysAgo * DAY), purpose: r.kind })])));

    const recent = a.app.get(RecentActivityService);
    await recent.reload();
    expect(recent.serving).toBe(true);
    // Held: the rule set's longest window (30 days) and a day more.
    expect(recent.size).toBe(rows.filter((r) => r.kind !== 'SECOND_VERIFICATION' && r.daysAgo < 31).length);

    const query = fc.record({
      institutionId: pick(ids),
      holderKey: pick(HOLDERS),
      phoneKey: optional(PHONES),
      deviceKey: optional(DEVICES),
      addressKey: optional(ADDRESSES),
      crossBankDays: fc.integer({ min: 1, max: 30 }),
      sharedDays: fc.integer({ min: 1, max: 30 }),
    });
    for (const q of fc.sample(query, { numRuns: 200, seed: 7 })) {
      const until = new Date(now);
      const crossBankSince = new Date(now - q.crossBankDays * DAY);
      const sharedSince = new Date(now - q.sharedDays * DAY);
      const [fromDatabase] = await screenings.activity([{ ...q, requestId: null, crossBankSince, sharedSince, until }]);
      const memoryQuery: ActivityWindowQuery = { ...q, crossBankSince: crossBankSince.getTime(), sharedSince: sharedSince.getTime(), until: now };
      expect(recent.counts(memoryQuery)).toEqual({
        openedOrAppliedElsewhere: fromDatabase!.openedOrAppliedElsewhere,
        phoneApplicants: fromDatabase!.phoneApplicants,
        deviceApplicants: fromDatabase!.deviceApplicants,
        addressApplicants: fromDatabase!.addressApplicants,
      });
    }
  }, 60_000);

  it('counts an application made through another instance, heard over the change feed', async () => {
    const idNumber = person().idNumber as string;
    const holderKey = b.app.get(BlindIndexService).of('RESIDENT_ID', idNumber);
    const recentB = b.app.get(RecentActivityService);
    await waitFor(async () => recentB.serving, { timeoutMs: 10_000, description: 'instance B to load its window' });
    const now = Date.now();
    const q: ActivityWindowQuery = { institutionId: banks[1]!.id, holderKey, phoneKey: null, deviceKey: null, addressKey: null, crossBankSince: now - 7 * DAY, sharedSince: now - 30 * DAY, until: now + 60_000 };
    expect(recentB.counts(q)?.openedOrAppliedElsewhere).toBe(0);

    const screened = await a.request('POST', '/v1/screenings/account-opening', {
      apiKey: banks[0]!.apiKey,
      body: { requestId: randomUUID(), branchCode: '0101', channel: 'COUNTER', requestedAccountClass: 'I', applicant: person({ idNumber }) },
    });
    expect(screened.status).toBe(201);
    await waitFor(async () => recentB.counts(q)?.openedOrAppliedElsewhere === 1, { timeoutMs: 5000, description: 'instance B to count the application made at instance A' });

    // And the branch of the other bank, screened at instance B, is told of it.
    const second = await b.request('POST', '/v1/screenings/account-opening', {
      apiKey: banks[1]!.apiKey,
      body: { requestId: randomUUID(), branchCode: '0202', channel: 'COUNTER', requestedAccountClass: 'I', applicant: person({ idNumber }) },
    });
    expect(second.status).toBe(201);
    const stored = await b.app.get(ScreeningsRepository).findById(second.body.screeningId);
    expect(stored?.facts).toMatchObject({ crossBank: { openedOrAppliedElsewhere: 1 } });
  }, 30_000);

  it('counts in the database when the window holds more than SCREENING_ACTIVITY_MAX_EVENTS', async () => {
    const now = Date.now();
    const idNumber = person().idNumber as string;
    const holderKey = a.app.get(BlindIndexService).of('RESIDENT_ID', idNumber);
    await a.app.get(AccountsRepository).upsertOwned(
      Array.from({ length: 1001 }, (_, n) => account(100_000 + n, { institutionId: banks[2]!.id, holderKey, phoneKey: null, deviceKey: null, addressKey: null, openedAt: new Date(now - DAY) })),
    );
    const small = await startTestApp({ databaseUrl: db.url, env: { SCREENING_ACTIVITY_MAX_EVENTS: '1000' } });
    try {
      const recent = small.app.get(RecentActivityService);
      await recent.reload();
      expect(recent.serving).toBe(false);
      expect(recent.counts({ institutionId: banks[0]!.id, holderKey, phoneKey: null, deviceKey: null, addressKey: null, crossBankSince: now - 7 * DAY, sharedSince: now - 30 * DAY, until: now })).toBeNull();
      const screened = await small.request('POST', '/v1/screenings/account-opening', {
        apiKey: banks[0]!.apiKey,
        body: { requestId: randomUUID(), branchCode: '0101', channel: 'COUNTER', requestedAccountClass: 'I', applicant: person({ idNumber }) },
      });
      expect(screened.status).toBe(201);
      expect(screened.body.reasons.find((r: { code: string }) => r.code === 'CROSS_BANK_VELOCITY')?.evidence).toMatchObject({ openedOrAppliedElsewhere: 1001 });
    } finally {
      await small.close();
    }
  }, 60_000);
  it('takes a rule set with a longer window: the database counts at once, a window reloaded to cover it follows', async () => {
    const now = Date.now();
    const idNumber = person().idNumber as string;
    const holderKey = a.app.get(BlindIndexService).of('RESIDENT_ID', idNumber);
    await a.app.get(AccountsRepository).upsertOwned([account(200_000, { institutionId: banks[2]!.id, holderKey, phoneKey: null, deviceKey: null, addressKey: null, openedAt: new Date(now - 45 * DAY) })]);
    const admin = await a.adminToken();
    const base = (await a.request('GET', '/v1/screening/rule-sets/active', { token: admin })).body.definition;
    const longer = { ...base, version: '2026.11.60', windows: { ...base.windows, crossBankDays: 60 } };
    expect((await a.request('POST', '/v1/screening/rule-sets', { token: admin, body: { ruleSet: longer } })).status).toBe(201);

    const recent = a.app.get(RecentActivityService);
    const q: ActivityWindowQuery = { institutionId: banks[0]!.id, holderKey, phoneKey: null, deviceKey: null, addressKey: null, crossBankSince: now - 60 * DAY, sharedSince: now - 30 * DAY, until: now + 60_000 };
    expect(recent.counts(q)).toBeNull();
    const screened = await a.request('POST', '/v1/screenings/account-opening', {
      apiKey: banks[0]!.apiKey,
      body: { requestId: randomUUID(), branchCode: '0101', channel: 'COUNTER', requestedAccountClass: 'I', applicant: person({ idNumber }) },
    });
    expect(screened.status).toBe(201);
    const stored = await a.app.get(ScreeningsRepository).findById(screened.body.screeningId);
    expect(stored?.facts).toMatchObject({ crossBank: { openedOrAppliedElsewhere: 1, windowDays: 60 } });
    await waitFor(async () => recent.counts(q)?.openedOrAppliedElsewhere === 1, { timeoutMs: 10_000, description: 'the window reloaded over 60 days' });
  }, 60_000);
});
