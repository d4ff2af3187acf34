import { jest } from '@jest/globals';
import { OPERATOR_KEY, startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { seedInstitution, type SeededInstitution } from '../support/world.js';
import { codes, entity, entityRequest, listEntry, registerEntity, uniqueResidentId, uscc } from './screening-fixtures.js';

jest.setTimeout(30_000);

/**
 * Company applicants through HTTP on PostgreSQL: every registry rule firing and not firing, and
 * list hits on the company and its legal representative. The registry is loaded through the
 * registration authority's feed (PUT /v1/registry/entities/{uscc}). Today is 2026-11-21 in China.
 */
describe('account-opening screening of companies', () => {
  let t: TestApp;
  let bank: SeededInstitution;
  const clock = new TestClock('2026-11-21T02:00:00.000Z');
  let n = 100;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { SECOND_VERIFICATION_POLL_SECONDS: '0', RESCREEN_WORKER: 'false' } });
    bank = await seedInstitution(t, 'BANK-E');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  }, 30_000);

  const screen = (applicant: Record<string, unknown>) => t.request('POST', '/v1/screenings/account-opening', { apiKey: bank.apiKey, body: entityRequest(applicant) });

  /** A registered company and an application that matches it. */
  const company = async (registry: Record<string, unknown> = {}, applicant: Record<string, unknown> = {}) => {
    n += 1;
    const code = uscc(n);
    const repId = (registry.legalRepIdNumber as string | undefined) ?? uniqueResidentId(1970);
    await registerEntity(t, OPERATOR_KEY, code, { name: `深圳市测试${n}科技有限公司`, legalRepName: '李四', legalRepIdNumber: repId, registeredAddress: `深圳市南山区科技园${n}号`, ...registry });
    return entity({ uscc: code, name: (registry.name as string | undefined) ?? `深圳市测试${n}科技有限公司`, legalRepresentative: { name: '李四', idNumber: repId }, ...applicant });
  };

  it('passes a registered, active, established company with no recommended class', async () => {
    const res = await screen(await company());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ decision: 'PASS', score: 0, reasons: [] });
    expect(res.body.recommendedAccountClass).toBeUndefined();
    const got = await t.request('GET', `/v1/screenings/${res.body.screeningId}`, { apiKey: bank.apiKey });
    expect(got.body.applicant).toMatchObject({ type: 'ENTITY', idType: 'USCC', legalRepresentative: { name: '李四', idMasked: expect.stringMatching(/\*{8}/) } });
  });

  it('reviews a company the registry does not know', async () => {
    n += 1;
    const res = await screen(entity({ uscc: uscc(n) }));
    expect(res.body.decision).toBe('REVIEW');
    expect(res.body.reasons).toEqual([expect.objectContaining({ code: 'ENTITY_NOT_FOUND', severity: 'HIGH' })]);
  });

  it('reviews a name that is neither the registered nor a former name, and accepts a former name', async () => {
    const applicant = await company({ formerNames: ['深圳市旧名称贸易有限公司'] });
    expect(codes((await screen({ ...applicant, name: '深圳市别的名字有限公司' })).body)).toEqual(['ENTITY_NAME_MISMATCH']);
    expect(codes((await screen({ ...applicant, name: '深圳市旧名称贸易有限公司' })).body)).toEqual([]);
    // Full-width brackets and spaces are the same name.
    const bracketed = await company({ name: '深圳市甲乙(香港)贸易有限公司' });
    expect(codes((await screen({ ...bracketed, name: '深圳市甲乙（香港） 贸易有限公司' })).body)).toEqual([]);
  });

  it('rejects a revoked or deregistered company and reviews one that is otherwise not active', async () => {
    const revoked = await screen(await company({ status: 'REVOKED' }));
    expect(revoked.body.decision).toBe('REJECT');
    expect(codes(revoked.body)).toContain('ENTITY_REVOKED_OR_DEREGISTERED');
    expect((await screen(await company({ status: '注销' }))).body.decision).toBe('REJECT');
    const suspended = await screen(await company({ status: 'SUSPENDED' }));
    expect(codes(suspended.body)).toEqual(['ENTITY_STATUS_NOT_ACTIVE']);
  });

  it('reviews a company on the abnormal-operations list, not one taken off it', async () => {
    const listed = await screen(await company({ abnormalOperations: [{ reason: '通过登记的住所无法联系', listedAt: '2026-05-01T00:00:00+08:00' }] }));
    expect(listed.body.reasons).toEqual([expect.objectContaining({ code: 'ENTITY_ABNORMAL_OPERATIONS', outcome: 'REVIEW' })]);
    const removed = await screen(await company({ abnormalOperations: [{ reason: '通过登记的住所无法联系', listedAt: '2025-05-01T00:00:00+08:00', removedAt: '2026-01-01T00:00:00+08:00' }] }));
    expect(codes(removed.body)).toEqual([]);
  });

  it('reviews a company on the serious illegal and dishonest list', async () => {
    const res = await screen(await company({ seriousDishonest: [{ reason: '提交虚假材料', listedAt: '2026-03-01T00:00:00+08:00' }] }));
    expect(codes(res.body)).toEqual(['ENTITY_SERIOUSLY_DISHONEST']);
  });

  it('adds points for a company younger than 90 days and reviews one with token capital', async () => {
    const young = await screen(await company({ establishedOn: '2026-08-24' }));
    expect(young.body).toMatchObject({ decision: 'PASS', score: 15 });
    expect(young.body.reasons).toEqual([expect.objectContaining({ code: 'ENTITY_NEWLY_ESTABLISHED', outcome: 'SCORE_ONLY', evidence: expect.objectContaining({ ageDays: 89 }) })]);
    expect(codes((await screen(await company({ establishedOn: '2026-08-23' }))).body)).toEqual([]);
    const shell = await screen(await company({ establishedOn: '2026-11-01', registeredCapital: '5000.00' }));
    expect(shell.body.decision).toBe('REVIEW');
    expect(shell.body.reasons[0]).toMatchObject({ code: 'ENTITY_NEWLY_ESTABLISHED', outcome: 'REVIEW', evidence: expect.objectContaining({ registeredCapitalFen: 500000 }) });
  });

  it('reviews a legal representative of 5 companies, not of 4', async () => {
    const rep = uniqueResidentId(1960);
    for (let i = 0; i < 3; i += 1) await company({ legalRepIdNumber: rep });
    expect(codes((await screen(await company({ legalRepIdNumber: rep }))).body)).toEqual([]);
    const fifth = await screen(await company({ legalRepIdNumber: rep }));
    expect(fifth.body.reasons).toEqual([expect.objectContaining({ code: 'LEGAL_REP_MANY_ENTITIES', evidence: { legalRepEntityCount: 5, reviewAt: 5 } })]);
  });

  it('reviews a registered address shared by 10 companies, not by 9', async () => {
    const address = '深圳市龙岗区坂田街道某大厦 1808 室';
    for (let i = 0; i < 8; i += 1) await company({ registeredAddress: address });
    expect(codes((await screen(await company({ registeredAddress: address }))).body)).toEqual([]);
    expect(codes((await screen(await company({ registeredAddress: '深圳市龙岗区坂田街道某大厦1808室' }))).body)).toEqual(['MANY_ENTITIES_AT_ADDRESS']);
  });

  it('rejects a company whose legal representative is listed with NO_NEW_ACCOUNTS', async () => {
    const rep = uniqueResidentId(1972);
    const entry = await listEntry(t, OPERATOR_KEY, { type: 'PERSON', idNumber: rep, name: '孙八' }, { category: 'ACCOUNT_SELLER', measures: ['NO_NEW_ACCOUNTS'] });
    const res = await screen(await company({ legalRepIdNumber: rep, legalRepName: '孙八' }, { legalRepresentative: { name: '孙八', idNumber: rep } }));
    expect(res.body.decision).toBe('REJECT');
    const reason = res.body.reasons.find((r: { code: string }) => r.code === 'NEGATIVE_LIST_PERSON');
    expect(reason).toMatchObject({ evidence: { entryId: entry.id, subjectRole: 'LEGAL_REPRESENTATIVE' } });
    expect(reason.message.zh).toContain('法定代表人');
  });

  it('reviews a company listed on the negative list (by USCC), not an unlisted one', async () => {
    const applicant = await company();
    await listEntry(t, OPERATOR_KEY, { type: 'ENTITY', uscc: applicant.uscc, name: applicant.name }, { category: 'CASE_ACCOUNT' });
    expect((await screen(applicant)).body.reasons).toEqual([expect.objectContaining({ code: 'NEGATIVE_LIST_ENTITY', outcome: 'REVIEW', evidence: expect.objectContaining({ matchType: 'EXACT_USCC' }) })]);
    expect(codes((await screen(await company())).body)).toEqual([]);
  });

  it('answers 422 for a USCC with a bad check character or a bad legal-representative ID', async () => {
    const good = uscc(999);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await screen(entity({ uscc: bad }));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('INVALID_IDENTIFIER');
    const badRep = await screen(entity({ legalRepresentative: { name: '李四', idNumber: '440305198501011234' } }));
    expect(badRep.status).toBe(422);
  });
});
