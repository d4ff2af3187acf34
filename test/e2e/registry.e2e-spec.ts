import { jest } from '@jest/globals';
import { makeResidentId } from '../../src/domain/identity/national-id-factory.js';
import { makeUscc } from '../../src/domain/identity/uscc.js';
import { RegistryRepository } from '../../src/modules/registry/registry.repository.js';
import { RegistryService } from '../../src/modules/registry/registry.service.js';
import { OPERATOR_KEY, startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { seedInstitution, type SeededInstitution } from '../support/world.js';

// Starting the service, seeding users (argon2) and loading data take seconds on a busy machine.
jest.setTimeout(60_000);

const REP_ID = makeResidentId({ divisionCode: '440305', birthDate: '1990-05-01', sequence: 7 });
const USCC_A = makeUscc({ organisationCodeBody: 'MA5D0001', divisionCode: '440300' });
const USCC_B = makeUscc({ organisationCodeBody: 'MA5D0002', divisionCode: '440300' });
const USCC_C = makeUscc({ organisationCodeBody: 'MA5D0003', divisionCode: '440300' });

function feed(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '深圳市前海示例科技有限公司',
    entityType: '有限责任公司',
    legalRepName: '陈明',
    legalRepIdNumber: REP_ID,
    registeredCapital: '10000.00',
    establishedOn: '2026-11-01',
    registeredAddress: '深圳市前海深港合作区南山街道桂湾五路128号',
    status: '存续（在营、开业、在册）',
    businessScope: '软件开发',
    registrationAuthority: '深圳市市场监督管理局',
    updatedAt: '2026-11-01T09:00:00+08:00',
    ...over,
  };
}

describe('market-entity registry over HTTP', () => {
  let t: TestApp;
  let bank: SeededInstitution;
  const clock = new TestClock('2026-11-21T02:00:00.000Z');

  beforeAll(async () => {
    t = await startTestApp({ clock });
    bank = await seedInstitution(t, 'BANK-R');
  });
  afterAll(async () => {
    await t.close();
  });

  it('takes the feed by USCC and answers lookups with derived indicators', async () => {
    const put = await t.request('PUT', `/v1/registry/entities/${USCC_A}`, { apiKey: OPERATOR_KEY, body: feed() });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ uscc: USCC_A, version: 1, status: 'ACTIVE', changed: true, registeredCapital: '10000.00', legalRep: { name: '陈明', idMasked: expect.stringMatching(/^440305\*+\d{3}[\dX]$/) } });
    // The same legal representative and the same address, written differently.
    await t.request('PUT', `/v1/registry/entities/${USCC_B}`, { apiKey: OPERATOR_KEY, body: feed({ name: '深圳市前海另一家贸易有限公司', registeredAddress: '深圳市 前海深港合作区 南山街道 桂湾五路１２８号' }) });
    await t.request('PUT', `/v1/registry/entities/${USCC_C}`, { apiKey: OPERATOR_KEY, body: feed({ name: '深圳市第三家咨询有限公司', status: 'DEREGISTERED' }) });

    const got = await t.request('GET', `/v1/registry/entities/${USCC_A.toLowerCase()}`, { apiKey: bank.apiKey });
    expect(got.status).toBe(200);
    expect(got.body.indicators).toEqual({ ageDays: 20, legalRepEntityCount: 2, addressEntityCount: 2, legalRepOnNegativeList: false, abnormalOperations: false, seriousDishonest: false });
  });

  it('answers lookups made together from one statement, each with its own entity', async () => {
    const repo = t.app.get(RegistryRepository);
    const findMany = jest.spyOn(repo, 'findMany');
    try {
      const missing = makeUscc({ organisationCodeBody: 'MA5D0099', divisionCode: '440300' });
      const found = await Promise.all([USCC_A, USCC_B, missing, USCC_C, USCC_A].map((u) => t.app.get(RegistryService).lookup(u)));
      expect(found.map((e) => e?.uscc ?? null)).toEqual([USCC_A, USCC_B, null, USCC_C, USCC_A]);
      expect(found[1]).toMatchObject({ name: '深圳市前海另一家贸易有限公司', legalRepEntityCount: 2 });
      expect(findMany).toHaveBeenCalledTimes(1);
      // Over HTTP, concurrent requests answer each with its own entity too.
      const got = await Promise.all([USCC_C, missing, USCC_B].map((u) => t.request('GET', `/v1/registry/entities/${u}`, { apiKey: bank.apiKey })));
      expect(got.map((r) => [r.status, r.body.uscc ?? r.body.code])).toEqual([[200, USCC_C], [404, 'REGISTRY_ENTITY_NOT_FOUND'], [200, USCC_B]]);
    } finally {
      findMany.mockRestore();
    }
  });

  it('tells whether the legal representative is on the negative list', async () => {
    const listed = await t.request('POST', '/v1/negative-list/entries', {
      token: bank.tokens.SUPERVISOR,
      body: { subject: { type: 'PERSON', idNumber: REP_ID, name: '陈明' }, category: 'ACCOUNT_SELLER', fraudType: 'FAKE_INVESTMENT', legalBasis: '认定书', measures: ['NO_NEW_ACCOUNTS'] },
    });
    expect(listed.status).toBe(201);
    const got = await t.request('GET', `/v1/registry/entities/${USCC_B}`, { apiKey: bank.apiKey });
    expect(got.body.indicators.legalRepOnNegativeList).toBe(true);
  });

  it('keeps every change as history, ignores records equal to the stored one and refuses older ones', async () => {
    const same = await t.request('PUT', `/v1/registry/entities/${USCC_A}`, { apiKey: OPERATOR_KEY, body: feed() });
    expect(same.body).toMatchObject({ version: 1, changed: false });
    const revoked = await t.request('PUT', `/v1/registry/entities/${USCC_A}`, {
      apiKey: OPERATOR_KEY,
      body: feed({ status: '吊销', updatedAt: '2026-11-20T09:00:00+08:00', abnormalOperations: [{ reason: '通过登记的住所无法联系', listedAt: '2026-11-10' }] }),
    });
    expect(revoked.body).toMatchObject({ version: 2, status: 'REVOKED', changed: true, indicators: { abnormalOperations: true } });
    const stale = await t.request('PUT', `/v1/registry/entities/${USCC_A}`, { apiKey: OPERATOR_KEY, body: feed({ status: 'ACTIVE', updatedAt: '2026-11-05T09:00:00+08:00' }) });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('REGISTRY_STALE_UPDATE');
    const history = await t.request('GET', `/v1/registry/entities/${USCC_A}/history`, { apiKey: bank.apiKey, headers: {} });
    expect(history.status).toBe(200);
    expect(history.body.map((v: { version: number; snapshot: { status: string } }) => [v.version, v.snapshot.status])).toEqual([[1, 'ACTIVE'], [2, 'REVOKED']]);
    expect(JSON.stringify(history.body)).not.toContain(REP_ID);
  });

  it('searches by the beginning of the name and by former names', async () => {
    await t.request('PUT', `/v1/registry/entities/${USCC_C}`, { apiKey: OPERATOR_KEY, body: feed({ name: '深圳市第三家咨询有限公司', formerNames: ['深圳市旧名称有限公司'], status: 'DEREGISTERED', updatedAt: '2026-11-02T00:00:00Z' }) });
    const byPrefix = await t.request('GET', `/v1/registry/entities?name=${encodeURIComponent('深圳市前海')}`, { apiKey: bank.apiKey });
    expect(byPrefix.body.map((e: { uscc: string }) => e.uscc).sort()).toEqual([USCC_A, USCC_B].sort());
    const byFormer = await t.request('GET', `/v1/registry/entities?name=${encodeURIComponent('深圳市旧名称有限公司')}`, { apiKey: bank.apiKey });
    expect(byFormer.body.map((e: { uscc: string }) => e.uscc)).toEqual([USCC_C]);
    const contains = await t.request('GET', `/v1/registry/entities?name=${encodeURIComponent('咨询')}&mode=contains`, { apiKey: bank.apiKey });
    expect(contains.body.map((e: { uscc: string }) => e.uscc)).toEqual([USCC_C]);
  });

  it('streams a CSV load with bad rows in the middle, and a re-load updates instead of duplicating', async () => {
    const header = 'uscc,name,status,legalRepName,legalRepIdNumber,registeredCapital,establishedOn,registeredAddress,updatedAt';
    const good = (i: number): string => `${makeUscc({ organisationCodeBody: `MB${String(i).padStart(6, '0')}` })},示例企业${i}有限公司,存续,王${i},,${i}00.00,2020-01-0${(i % 9) + 1},北京市海淀区示例路${i}号,2026-11-01`;
    const lines = [header, good(1), good(2), '91110000BADUSCC000,坏企业,存续,,,,,,', good(3), `${makeUscc({ organisationCodeBody: 'MB000004' })},企业4,NOPE,,,,,,`, good(5)];
    const first = await t.request('POST', '/v1/registry/imports', { apiKey: OPERATOR_KEY, rawBody: lines.join('\n') + '\n', headers: { 'content-type': 'text/csv' } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ kind: 'REGISTRY', status: 'COMPLETED', rowsRead: 6, rowsAccepted: 4, rowsRejected: 2, inserted: 4, updated: 0 });
    const errors = await t.request('GET', `/v1/registry/imports/${first.body.id}/errors`, { apiKey: OPERATOR_KEY });
    expect(errors.body).toEqual([
      { row: 4, code: 'INVALID_USCC', field: 'uscc', message: expect.any(String) },
      { row: 6, code: 'INVALID_FIELD', field: 'status', message: expect.any(String) },
    ]);
    const again = await t.request('POST', '/v1/registry/imports', { apiKey: OPERATOR_KEY, rawBody: [header, good(1), good(2).replace('存续', '注销')].join('\n'), headers: { 'content-type': 'text/csv' } });
    expect(again.body).toMatchObject({ rowsAccepted: 2, inserted: 0, updated: 1, unchanged: 1 });
  });

  it('lets only the operator and feed keys write, and rejects malformed codes', async () => {
    const asBank = await t.request('PUT', `/v1/registry/entities/${USCC_A}`, { token: bank.tokens.ADMIN, body: feed() });
    expect(asBank.status).toBe(403);
    expect(asBank.body.code).toBe('REGISTRY_WRITE_FORBIDDEN');
    const bankKey = await t.request('PUT', `/v1/registry/entities/${USCC_A}`, { apiKey: bank.apiKey, body: feed() });
    expect(bankKey.status).toBe(403);
    const bad = await t.request('GET', '/v1/registry/entities/911101051234567890', { apiKey: bank.apiKey });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('INVALID_IDENTIFIER');
    const missing = await t.request('GET', `/v1/registry/entities/${makeUscc({ organisationCodeBody: 'MX999999' })}`, { apiKey: bank.apiKey });
    expect(missing.status).toBe(404);
  });
});
