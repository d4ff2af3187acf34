import { jest } from '@jest/globals';
import { RescreenService } from '../../src/modules/openings/rescreen/rescreen.service.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/databases.js';
import { OPERATOR_KEY, startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { seedInstitution, type SeededInstitution } from '../support/world.js';
import { listEntry, registerEntity, uniqueResidentId, uscc } from './screening-fixtures.js';

jest.setTimeout(60_000);

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function ndjson(rows: Array<Record<string, unknown>>): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

/**
 * Review of existing accounts: full and incremental rescreen jobs, per-institution reports that
 * are listable and downloadable, and non-disclosure across institutions.
 */
describe('rescreen jobs', () => {
  let t: TestApp;
  let b1: SeededInstitution;
  let b2: SeededInstitution;
  let admin: string;
  const clock = new TestClock('2026-11-21T02:00:00.000Z');
  const listedPerson = uniqueResidentId();
  const listedPhone = '13900007777';
  const revokedUscc = uscc(4242);
  let entryPerson: string;
  let entryAccount: string;

  const job = (id: string, token: string) => t.request('GET', `/v1/rescreen-jobs/${id}`, { token });
  const completed = (id: string) =>
    until(`job ${id}`, async () => {
      const res = await job(id, admin);
      return res.body.status === 'COMPLETED' || res.body.status === 'FAILED' ? res.body : undefined;
    });

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { SECOND_VERIFICATION_POLL_SECONDS: '0', RESCREEN_CHUNK_KEYS: '100' } });
    b1 = await seedInstitution(t, 'BANK-R1');
    b2 = await seedInstitution(t, 'BANK-R2');
    admin = await t.adminToken();
    // The list first (its incremental jobs find no accounts yet), then the accounts.
    entryPerson = (await listEntry(t, OPERATOR_KEY, { type: 'PERSON', idNumber: listedPerson, name: '周九' }, { category: 'ACCOUNT_SELLER', measures: ['NO_NEW_ACCOUNTS'] })).id;
    await listEntry(t, OPERATOR_KEY, { type: 'PHONE', phone: listedPhone }, { category: 'FRAUD_PHONE' });
    entryAccount = (await listEntry(t, OPERATOR_KEY, { type: 'ACCOUNT', bankCode: 'BKR2', accountNumber: '6217000000000099' }, { category: 'CASE_ACCOUNT' })).id;
    await registerEntity(t, OPERATOR_KEY, revokedUscc, { status: 'REVOKED' });
    const load = async (by: SeededInstitution, rows: Array<Record<string, unknown>>) => {
      const res = await t.request('POST', '/v1/account-loads', { apiKey: by.apiKey, rawBody: ndjson(rows), headers: { 'content-type': 'application/x-ndjson' } });
      expect(res.body).toMatchObject({ status: 'COMPLETED', rowsRejected: 0 });
    };
    await load(b1, [
      { bankCode: 'BKR1', accountNumber: '6217000000000001', idNumber: listedPerson, holderName: '周九', openedAt: '2018-01-01' },
      { bankCode: 'BKR1', accountNumber: '6217000000000002', idNumber: uniqueResidentId(), phone: listedPhone, openedAt: '2018-01-01' },
      { bankCode: 'BKR1', accountNumber: '6217000000000003', idNumber: uniqueResidentId(), openedAt: '2018-01-01' },
      { bankCode: 'BKR1', accountNumber: '6217000000000004', holderType: 'ENTITY', uscc: revokedUscc, openedAt: '2018-01-01' },
    ]);
    await load(b2, [
      { bankCode: 'BKR2', accountNumber: '6217000000000011', idNumber: listedPerson, holderName: '周九', openedAt: '2019-01-01' },
      { bankCode: 'BKR2', accountNumber: '6217000000000099', idNumber: uniqueResidentId(), openedAt: '2019-01-01' },
      { bankCode: 'BKR2', accountNumber: '6217000000000012', idNumber: uniqueResidentId(), openedAt: '2019-01-01' },
    ]);
    // Let the incremental jobs of the entries above finish before the tests look at jobs.
    await t.app.get(RescreenService).idle();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  }, 30_000);

  it('matches every account against the list and the registry and reports per institution', async () => {
    const created = await t.request('POST', '/v1/rescreen-jobs', { token: admin, body: { kind: 'FULL' } });
    expect(created.status).toBe(201);
    const done = await completed(created.body.id);
    expect(done).toMatchObject({ kind: 'FULL', status: 'COMPLETED', hits: 5, progress: { done: done.progress.total, percent: 100, etaSeconds: 0 } });
    expect(done.progress.total).toBeGreaterThanOrEqual(4);

    const reports = await t.request('GET', `/v1/rescreen-jobs/${created.body.id}/reports`, { token: admin });
    expect(reports.body.reports).toEqual(
      expect.arrayContaining([expect.objectContaining({ institutionId: b1.id, hits: 3, accounts: 3 }), expect.objectContaining({ institutionId: b2.id, hits: 2, accounts: 2 })]),
    );
    const hits = await t.request('GET', `/v1/rescreen-jobs/${created.body.id}/reports/${b1.id}/hits`, { token: b1.tokens.ANALYST });
    expect(hits.body.items.map((h: { accountNumber: string; matchKind: string }) => [h.accountNumber, h.matchKind])).toEqual([
      ['6217000000000001', 'HOLDER'],
      ['6217000000000002', 'PHONE'],
      ['6217000000000004', 'REGISTRY'],
    ]);
    expect(hits.body.items[0]).toMatchObject({ matchRef: entryPerson, category: 'ACCOUNT_SELLER', measures: ['NO_NEW_ACCOUNTS'], holderMasked: expect.stringMatching(/\*{8}/), source: 'LOAD' });
    expect(hits.body.items[2]).toMatchObject({ matchRef: `registry:${revokedUscc}`, category: 'ENTITY_REVOKED' });
    const b2hits = await t.request('GET', `/v1/rescreen-jobs/${created.body.id}/reports/${b2.id}/hits`, { token: b2.tokens.ANALYST });
    expect(b2hits.body.items.map((h: { accountNumber: string; matchKind: string; matchRef: string }) => [h.accountNumber, h.matchKind])).toEqual([
      ['6217000000000011', 'HOLDER'],
      ['6217000000000099', 'ACCOUNT'],
    ]);
    expect(b2hits.body.items[1].matchRef).toBe(entryAccount);

    // Review items for the hits, one per account and entry however often it is found.
    const items = await t.request('GET', '/v1/review-items?kind=RESCREEN_HIT&limit=100', { token: b1.tokens.ANALYST });
    expect(items.body.items.map((i: { accountNumber: string }) => i.accountNumber).sort()).toEqual(['6217000000000001', '6217000000000002', '6217000000000004']);
    expect(items.body.items[0]).toMatchObject({ subjectType: 'ACCOUNT', status: 'OPEN' });
  });

  it('shows a bank its own report only and never another institution\'s accounts', async () => {
    const created = await t.request('POST', '/v1/rescreen-jobs', { token: admin, body: { kind: 'FULL' } });
    await completed(created.body.id);
    const mine = await t.request('GET', `/v1/rescreen-jobs/${created.body.id}/reports`, { token: b1.tokens.ANALYST });
    expect(mine.body.reports).toEqual([expect.objectContaining({ institutionId: b1.id, hits: 3 })]);
    expect((await job(created.body.id, b1.tokens.ANALYST)).body.hits).toBe(3);
    expect((await t.request('GET', `/v1/rescreen-jobs/${created.body.id}/reports/${b2.id}/hits`, { token: b1.tokens.ANALYST })).status).toBe(404);
    expect((await t.request('GET', `/v1/rescreen-jobs/${created.body.id}/reports/${b2.id}/download`, { token: b1.tokens.ANALYST })).status).toBe(404);
    const csv = await t.request('GET', `/v1/rescreen-jobs/${created.body.id}/reports/${b1.id}/download`, { token: b1.tokens.ANALYST });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    expect(csv.body).not.toContain('BKR2');
    expect(csv.body).not.toContain(b2.id);
    const lines = String(csv.body).trim().split('\n');
    expect(lines[0]).toBe('bankCode,accountNumber,matchKind,matchRef,category,measures,holderType,holderMasked,holderName,accountClass,branchCode,openedAt,source');
    expect(lines).toHaveLength(4);
    const nd = await fetch(`${t.baseUrl}/v1/rescreen-jobs/${created.body.id}/reports/${b1.id}/download?format=ndjson`, { headers: { authorization: `Bearer ${b1.tokens.ANALYST}` } });
    expect(nd.headers.get('content-type')).toContain('application/x-ndjson');
    expect((await nd.text()).trim().split('\n').map((l) => JSON.parse(l).accountNumber)).toEqual(['6217000000000001', '6217000000000002', '6217000000000004']);
    // A bank's administrator rescreens its own accounts only.
    const own = await t.request('POST', '/v1/rescreen-jobs', { token: b2.tokens.ADMIN, body: { kind: 'FULL' } });
    expect(own.body.institutionId).toBe(b2.id);
    const ownDone = await completed(own.body.id);
    expect(ownDone.hits).toBe(2);
    expect((await t.request('POST', '/v1/rescreen-jobs', { token: b2.tokens.ADMIN, body: { kind: 'FULL', institutionId: b1.id } })).status).toBe(403);
    expect((await t.request('POST', '/v1/rescreen-jobs', { token: b1.tokens.ANALYST, body: { kind: 'FULL' } })).status).toBe(403);
  });

  it('rescreens incrementally when the list changes, and verifies opened accounts of the new entry at once', async () => {
    const holder = uniqueResidentId();
    const opened = await t.request('POST', '/v1/account-openings', {
      apiKey: b1.apiKey,
      body: { bankCode: 'BKR1', branchCode: '0001', accountNumber: '6217000000000500', accountClass: 'I', holderType: 'PERSON', idNumber: holder, holderName: '吴十', openedAt: clock.now().toISOString() },
    });
    expect(opened.status).toBe(201);
    await t.request('POST', '/v1/account-loads', { apiKey: b2.apiKey, rawBody: ndjson([{ bankCode: 'BKR2', accountNumber: '6217000000000501', idNumber: holder, openedAt: '2015-01-01' }]), headers: { 'content-type': 'application/x-ndjson' } });
    const before = (await t.request('GET', '/v1/rescreen-jobs?limit=200', { token: admin })).body.length;

    const entry = await listEntry(t, OPERATOR_KEY, { type: 'PERSON', idNumber: holder, name: '吴十' }, { category: 'MONEY_MULE', measures: ['NON_COUNTER_SUSPENDED'] });
    const incremental = await until('the incremental job', async () => {
      const jobs = (await t.request('GET', '/v1/rescreen-jobs?limit=200', { token: admin })).body;
      return jobs.length > before && jobs[0].status === 'COMPLETED' ? jobs[0] : undefined;
    });
    expect(incremental).toMatchObject({ kind: 'INCREMENTAL', trigger: 'NEGATIVE_LIST_CHANGE', entries: 1, hits: 2, progress: { done: 1, total: 1 } });
    const r1 = await t.request('GET', `/v1/rescreen-jobs/${incremental.id}/reports/${b1.id}/hits`, { token: b1.tokens.ANALYST });
    expect(r1.body.items).toEqual([expect.objectContaining({ accountNumber: '6217000000000500', matchRef: entry.id, source: 'OPENING' })]);

    // The opened account (not the loaded one) is verified again at once; its outcome changed.
    const verification = await until('the second verification', async () => {
      const list = (await t.request('GET', '/v1/second-verifications?bankCode=BKR1&accountNumber=6217000000000500', { token: b1.tokens.ANALYST })).body;
      const v = list.find((x: { trigger: string; status: string }) => x.trigger === 'NEGATIVE_LIST' && x.status === 'DONE');
      return v ?? undefined;
    });
    expect(verification).toMatchObject({ triggerRef: entry.id, baselineDecision: 'PASS', decision: 'REVIEW', changed: true });
    const b2verifications = (await t.request('GET', '/v1/second-verifications?bankCode=BKR2&accountNumber=6217000000000501', { token: b2.tokens.ANALYST })).body;
    expect(b2verifications).toEqual([]);
  });

  it('rescreens an import of several batches once, when it has ended', async () => {
    const before = (await t.request('GET', '/v1/rescreen-jobs?limit=200', { token: admin })).body.length;
    const rows = Array.from({ length: 2300 }, (_, i) => ({ subjectType: 'PHONE', phone: `137${String(i).padStart(8, '0')}`, category: 'FRAUD_PHONE', fraudType: 'OTHER', legalBasis: 'test' }));
    const imported = await t.request('POST', '/v1/negative-list/imports', { apiKey: OPERATOR_KEY, rawBody: ndjson(rows), headers: { 'content-type': 'application/x-ndjson' } });
    expect(imported.body).toMatchObject({ status: 'COMPLETED', rowsAccepted: 2300 });
    await t.app.get(RescreenService).flushListChanges();
    await t.app.get(RescreenService).idle();
    const jobs = (await t.request('GET', '/v1/rescreen-jobs?limit=200', { token: admin })).body;
    expect(jobs.length - before).toBe(1);
    expect(jobs[0]).toMatchObject({ kind: 'INCREMENTAL', trigger: 'NEGATIVE_LIST_CHANGE', status: 'COMPLETED', progress: { done: 2300, total: 2300 } });
  });

  it('ignores list changes that cannot add matches (a revocation)', async () => {
    const before = (await t.request('GET', '/v1/rescreen-jobs?limit=200', { token: admin })).body.length;
    const revoked = await t.request('POST', `/v1/negative-list/entries/${entryAccount}/revoke`, { token: admin, body: { reason: 'listed in error' } });
    expect(revoked.status).toBe(200);
    await t.app.get(RescreenService).flushListChanges();
    await t.app.get(RescreenService).idle();
    expect((await t.request('GET', '/v1/rescreen-jobs?limit=200', { token: admin })).body.length).toBe(before);
  });
});

/**
 * A job stopped part-way (its worker shut down, or died and its lease lapsed) goes on from its
 * checkpoint in another instance; its report is served only once it completed, and holds each
 * hit once.
 */
describe('rescreen jobs across a restart', () => {
  let db: ScratchDatabase;

  beforeAll(async () => {
    db = await createScratchDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('resumes from the checkpoint and completes with every hit exactly once', async () => {
    const first = await startTestApp({ databaseUrl: db.url, env: { RESCREEN_WORKER: 'false', RESCREEN_CHUNK_KEYS: '100', SECOND_VERIFICATION_POLL_SECONDS: '0' } });
    let jobId: string;
    let bank: SeededInstitution;
    const holders: string[] = [];
    try {
      bank = await seedInstitution(first, 'BANK-RR');
      // 350 listed persons, every other one holding an account: 175 hits over 4 chunks.
      const entries: string[] = [];
      const accounts: string[] = [];
      for (let i = 0; i < 350; i += 1) {
        const id = uniqueResidentId(1980 + (i % 20));
        holders.push(id);
        entries.push(JSON.stringify({ subjectType: 'PERSON', idNumber: id, name: '测试', category: 'FRAUD_SUSPECT', fraudType: 'OTHER', legalBasis: 'test', measures: [] }));
        if (i % 2 === 0) accounts.push(JSON.stringify({ bankCode: 'BKRR', accountNumber: String(6217100000000000 + i), idNumber: id, openedAt: '2020-01-01' }));
      }
      const imported = await first.request('POST', '/v1/negative-list/imports', { apiKey: OPERATOR_KEY, rawBody: entries.join('\n') + '\n', headers: { 'content-type': 'application/x-ndjson' } });
      expect(imported.body).toMatchObject({ rowsAccepted: 350 });
      const loaded = await first.request('POST', '/v1/account-loads', { apiKey: bank.apiKey, rawBody: accounts.join('\n') + '\n', headers: { 'content-type': 'application/x-ndjson' } });
      expect(loaded.body).toMatchObject({ rowsAccepted: 175 });

      const admin = await first.adminToken();
      const service = first.app.get(RescreenService);
      // The import queued an incremental job (no worker here): run it out of the way first.
      await service.flushListChanges();
      while (await service.runNext());
      // ... which matched the imported entries (announced as change-sequence ranges) against the accounts.
      const jobs = (await first.request('GET', '/v1/rescreen-jobs', { token: admin })).body;
      expect(jobs).toEqual([expect.objectContaining({ kind: 'INCREMENTAL', trigger: 'NEGATIVE_LIST_CHANGE', status: 'COMPLETED', hits: 175 })]);
      const created = await first.request('POST', '/v1/rescreen-jobs', { token: admin, body: { kind: 'FULL' } });
      jobId = created.body.id;
      const ran = await service.runNext({ maxChunks: 2 });
      expect(ran).toMatchObject({ outcome: 'PAUSED', job: { id: jobId } });

      const midway = (await first.request('GET', `/v1/rescreen-jobs/${jobId}`, { token: admin })).body;
      expect(midway).toMatchObject({ status: 'RUNNING', progress: { done: 200, total: 350 } });
      expect(midway.progress.ratePerSecond === null || midway.progress.ratePerSecond > 0).toBe(true);
      const notReady = await first.request('GET', `/v1/rescreen-jobs/${jobId}/reports`, { token: admin });
      expect(notReady.status).toBe(409);
      expect(notReady.body.code).toBe('RESCREEN_REPORT_NOT_READY');
      expect((await first.request('GET', `/v1/rescreen-jobs/${jobId}/reports/${bank.id}/download`, { token: admin })).status).toBe(409);
    } finally {
      // A clean shutdown lets the next instance take the job over at once.
      await first.close();
    }

    const second = await startTestApp({ databaseUrl: db.url, env: { RESCREEN_WORKER: 'true', RESCREEN_CHUNK_KEYS: '100', SECOND_VERIFICATION_POLL_SECONDS: '0' } });
    try {
      const admin = await second.adminToken();
      const done = await until('the resumed job', async () => {
        const res = await second.request('GET', `/v1/rescreen-jobs/${jobId}`, { token: admin });
        return res.body.status === 'COMPLETED' ? res.body : undefined;
      });
      expect(done).toMatchObject({ hits: 175, attempts: 2, progress: { done: 350, total: 350 } });
      const reports = await second.request('GET', `/v1/rescreen-jobs/${jobId}/reports`, { token: admin });
      expect(reports.body.reports).toEqual([expect.objectContaining({ institutionId: bank!.id, hits: 175, accounts: 175 })]);
      const csv = await second.request('GET', `/v1/rescreen-jobs/${jobId}/reports/${bank!.id}/download`, { token: admin });
      const numbers = String(csv.body).trim().split('\n').slice(1).map((l) => l.split(',')[1]);
      expect(new Set(numbers).size).toBe(175);
      expect(numbers).toHaveLength(175);

      // A worker that died without a clean shutdown: once its lease lapses another takes over.
      const again = await second.request('POST', '/v1/rescreen-jobs', { token: admin, body: { kind: 'FULL' } });
      const service = second.app.get(RescreenService);
      await service.idle();
      await second.database.dataSource.query(`UPDATE rescreen_jobs SET status = 'RUNNING', checkpoint = NULL, keys_done = 0, hits = 0, completed_at = NULL, lease_owner = 'a-worker-that-died', lease_until = now() - interval '1 second' WHERE id = $1`, [again.body.id]);
      await second.database.dataSource.query(`DELETE FROM rescreen_hits WHERE job_id = $1`, [again.body.id]);
      service.kick();
      const retaken = await until('the taken-over job', async () => {
        const res = await second.request('GET', `/v1/rescreen-jobs/${again.body.id}`, { token: admin });
        return res.body.status === 'COMPLETED' ? res.body : undefined;
      });
      expect(retaken).toMatchObject({ hits: 175 });
    } finally {
      await second.close();
    }
  });
});
