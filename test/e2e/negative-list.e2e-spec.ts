import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { seedInstitution, type SeededInstitution } from '../support/world.js';

const ZHANG_ID = '11010519491231002X';

function personEntry(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    subject: { type: 'PERSON', idNumber: ZHANG_ID, name: '张伟' },
    category: 'ACCOUNT_SELLER',
    fraudType: 'ORDER_BRUSHING',
    legalBasis: '公安机关认定买卖银行账户',
    legalBasisDocNo: '深公(反诈)认字〔2026〕101号',
    evidenceRef: 'CASE-2026-0001',
    measures: ['NO_NEW_ACCOUNTS', 'NON_COUNTER_SUSPENDED'],
    ...over,
  };
}

describe('negative list over HTTP', () => {
  let t: TestApp;
  let bankA: SeededInstitution;
  let bankB: SeededInstitution;
  let regulator: SeededInstitution;
  const clock = new TestClock('2026-11-21T02:00:00.000Z');

  beforeAll(async () => {
    t = await startTestApp({ clock });
    bankA = await seedInstitution(t, 'BANK-A');
    bankB = await seedInstitution(t, 'BANK-B');
    regulator = await seedInstitution(t, 'PBOC-SZ', 'REGULATOR');
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists a person and every member matches the entry by ID and by name', async () => {
    const created = await t.request('POST', '/v1/negative-list/entries', { token: bankA.tokens.SUPERVISOR, body: personEntry() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ subjectType: 'PERSON', identifier: '110105********002X', status: 'ACTIVE', termBasis: 'JOINT_PUNISHMENT_CARD_SELLER', version: 1 });
    expect(created.body.expiresAt).toBe('2028-11-21T16:00:00.000Z');
    const byId = await t.request('POST', '/v1/negative-list/match', { apiKey: bankB.apiKey, body: { idNumber: ZHANG_ID.toLowerCase() } });
    expect(byId.status).toBe(200);
    expect(byId.body.hits).toHaveLength(1);
    expect(byId.body.hits[0]).toMatchObject({ matchType: 'EXACT_ID', score: 1, entryId: created.body.id });
    expect(byId.body.hits[0].entry.provenance).toBeNull();
    const byName = await t.request('POST', '/v1/negative-list/match', { apiKey: bankB.apiKey, body: { name: '張偉' } });
    expect(byName.body.hits[0]).toMatchObject({ matchType: 'NAME_FUZZY', entryId: created.body.id });
    expect(byName.body.hits[0].score).toBe(1);
    expect(regulator.id).toBeDefined();
  });
});
