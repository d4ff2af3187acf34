import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openDataSource } from '../../src/infra/database/data-source.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/databases.js';

jest.setTimeout(60_000);

const documents = {
  applicant: { type: 'PERSON', name: '张三', id: { kind: 'RESIDENT_ID', key: 'k1', masked: '110105********002X' } },
  context: { branchCode: '0101', channel: 'COUNTER', sources: { negativeList: true } },
  facts: { applicantType: 'PERSON', ageYears: 30, sharedIdentifiers: { phoneApplicants: 2, windowDays: 30 } },
  reasons: [{ code: 'SHARED_PHONE', severity: 'MEDIUM', evidence: { applicants: 2 } }],
};

async function columnTypes(ds: DataSource): Promise<Record<string, string>> {
  const rows: Array<{ column_name: string; data_type: string }> = await ds.query(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'screenings' AND column_name = ANY($1)`,
    [Object.keys(documents)],
  );
  return Object.fromEntries(rows.map((r) => [r.column_name, r.data_type]));
}

async function indexPredicates(ds: DataSource): Promise<Record<string, string | null>> {
  const rows: Array<{ name: string; predicate: string | null }> = await ds.query(
    `SELECT c.relname AS name, pg_get_expr(i.indpred, i.indrelid) AS predicate
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE c.relname IN ('ix_screenings_phone', 'ix_screenings_device', 'ix_screenings_address')`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.predicate]));
}

describe('migration ScreeningDocuments1764400000000 on PostgreSQL', () => {
  let db: ScratchDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createScratchDatabase('scrmig');
    ds = await openDataSource({ url: db.url, poolSize: 2, migrationsRun: true });
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('turns the documents of stored screenings into json with their contents, and indexes only rows with the identifier', async () => {
    expect(await columnTypes(ds)).toEqual({ applicant: 'json', context: 'json', facts: 'json', reasons: 'json' });
    // Back to the schema before the migration (undoing the later ones first), with a screening stored as jsonb.
    const applied = async (): Promise<string[]> => ((await ds.query('SELECT name FROM schema_migrations ORDER BY id')) as Array<{ name: string }>).map((r) => r.name);
    while ((await applied()).includes('ScreeningDocuments1764400000000')) await ds.undoLastMigration({ transaction: 'each' });
    expect(await columnTypes(ds)).toEqual({ applicant: 'jsonb', context: 'jsonb', facts: 'jsonb', reasons: 'jsonb' });
    expect(await indexPredicates(ds)).toEqual({ ix_screenings_phone: null, ix_screenings_device: null, ix_screenings_address: null });
    const id = randomUUID();
    await ds.query(
      `INSERT INTO screenings (id, institution_id, request_id, purpose, requested_by, branch_code, channel, applicant_type, holder_key, phone_key,
                               applicant, context, facts, decision, score, reasons, rule_set_version, screened_at)
       VALUES ($1, $2, 'r-1', 'ACCOUNT_OPENING', 'SYSTEM', '0101', 'COUNTER', 'PERSON', 'k1', 'p1', $3, $4, $5, 'REVIEW', 40, $6, '2026.11.1', now())`,
      [id, randomUUID(), JSON.stringify(documents.applicant), JSON.stringify(documents.context), JSON.stringify(documents.facts), JSON.stringify(documents.reasons)],
    );

    await ds.runMigrations({ transaction: 'each' });

    expect(await columnTypes(ds)).toEqual({ applicant: 'json', context: 'json', facts: 'json', reasons: 'json' });
    expect(await indexPredicates(ds)).toEqual({
      ix_screenings_phone: '(phone_key IS NOT NULL)',
      ix_screenings_device: '(device_key IS NOT NULL)',
      ix_screenings_address: '(address_key IS NOT NULL)',
    });
    const [row] = await ds.query(`SELECT applicant, context, facts, reasons FROM screenings WHERE id = $1`, [id]);
    expect(row).toEqual(documents);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM screenings WHERE phone_key = $1`, ['p1']);
    expect(n).toBe(1);
    // The counts look a phone up by a value only known at run time (a parameter, or the outer
    // row's column): the planner must still prove it non-null and take the partial index.
    const runner = ds.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL enable_seqscan = off');
      await runner.query('SET LOCAL plan_cache_mode = force_generic_plan');
      await runner.query('PREPARE shared_phone (varchar, timestamptz) AS SELECT holder_key FROM screenings WHERE phone_key = $1 AND screened_at >= $2');
      const plan: Array<{ 'QUERY PLAN': string }> = await runner.query("EXPLAIN EXECUTE shared_phone ('p1', now() - interval '30 days')");
      expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('ix_screenings_phone');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
