import { AuditService } from '../../src/modules/audit/audit.service.js';
import type { ScratchDatabase } from '../support/databases.js';
import { startTwoInstances, stopInstances, type TestApp } from '../support/test-app.js';

/**
 * The audit chain is extended by the database's audit_append under the chain lock: two
 * instances writing at once on one PostgreSQL make one gapless chain, whose hashes the service
 * recomputes outside the database on verification.
 */
describe('audit chain written by two instances on one PostgreSQL', () => {
  let db: ScratchDatabase;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    ({ db, a, b } = await startTwoInstances('audit'));
  }, 60_000);
  afterAll(async () => {
    await stopInstances(db, b, a);
  }, 30_000);

  it('makes one gapless chain of both instances\u2019 group commits, which verifies', async () => {
    const write = (t: TestApp, tag: string): Array<Promise<void>> =>
      Array.from({ length: 400 }, (_, i) =>
        t.app.get(AuditService).record({ action: 'probe.written', subjectType: 'probe', subjectId: `${tag}-${i}`, details: { tag, i, note: 'quote " and 中文 and \\ backslash', nested: { b: [1, { z: null, a: true }], a: -0.5 } } }),
      );
    // Both instances' writers run at once; each groups what arrives during its write in flight.
    await Promise.all([...write(a, 'A'), ...write(b, 'B')]);

    const rows = (await a.database.dataSource.query(
      `SELECT seq::int AS seq, subject_id FROM audit_log ORDER BY seq`,
    )) as Array<{ seq: number; subject_id: string | null }>;
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    const probes = rows.filter((r) => r.subject_id !== null && /^[AB]-\d+$/.test(r.subject_id));
    expect(probes).toHaveLength(800);
    // Each instance's records keep their order, however the two instances' batches interleave.
    for (const tag of ['A', 'B']) {
      const own = probes.filter((r) => r.subject_id!.startsWith(`${tag}-`)).map((r) => Number(r.subject_id!.slice(2)));
      expect(own).toEqual(own.slice().sort((x, y) => x - y));
    }

    for (const t of [a, b]) {
      const verified = await t.request('GET', '/v1/audit/verify', { token: await t.adminToken() });
      expect(verified.status).toBe(200);
      // Logging in to ask adds records of its own.
      expect(verified.body).toMatchObject({ ok: true, firstBreak: null });
      expect(verified.body.checked).toBeGreaterThan(rows.length);
    }

    // A record altered in the database is found by the recomputation.
    const altered = rows.find((r) => r.subject_id === 'B-7')!.seq;
    await a.database.dataSource.query(`UPDATE audit_log SET details = details || '{"i": 8}' WHERE seq = $1`, [altered]);
    const broken = await b.request('GET', '/v1/audit/verify', { token: await b.adminToken() });
    expect(broken.body).toMatchObject({ ok: false, firstBreak: { kind: 'ALTERED', seq: altered } });
  }, 60_000);
});
