import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../../../common/http/uuid.js';
import { RescreenHitEntity } from './rescreen-hit.entity.js';
import { RescreenJobEntity, type RescreenStatus } from './rescreen-job.entity.js';

/** Which bank_accounts column a listed identifier is matched against. */
export type ProbeColumn = 'HOLDER' | 'PHONE' | 'DEVICE' | 'ACCOUNT';

export interface Probe {
  column: ProbeColumn;
  /** Blind index; for ACCOUNT the normal form 'BANKCODE:digits'. */
  key: string;
  /** Entry id, or 'registry:<reason>:<uscc key prefix>' for registry findings. */
  ref: string;
  /** HOLDER, PHONE, DEVICE, ACCOUNT or REGISTRY: what the report says matched. */
  matchKind: string;
  category: string;
  measures: string[];
}

/** A hit as recorded, for the review items and second verifications that follow from it. */
export interface RecordedHit {
  bankCode: string;
  accountNumber: string;
  institutionId: string;
  matchRef: string;
  matchKind: string;
  category: string;
  measures: string[];
  holderKey: string;
  holderType: string;
  holderMasked: string;
  holderName: string | null;
  source: string;
}

export interface InstitutionReport {
  institutionId: string;
  hits: number;
  accounts: number;
}

export interface HitQuery {
  jobId: string;
  institutionId: string;
  after?: { bankCode: string; accountNumber: string; matchRef: string };
  limit: number;
}

const LEASE_SECONDS = 30;

// Updates that return rows are written as CTEs: TypeORM answers a bare UPDATE ... RETURNING
// with [rows, count], a SELECT with the rows.

/**
 * Matches a chunk of listed identifiers against the account registry in SQL: one probe per
 * identifier into the matching bank_accounts index (holder, phone, device, or the primary key
 * for account entries), so the cost follows the number of listed identifiers, not of accounts.
 * A chunk's hits, their review items and the checkpoint commit together.
 */
const MATCH_SQL = `
WITH k AS (
  SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS k(col, key, ref, match_kind, category, measures)
), m AS (
  SELECT a.*, k.ref, k.match_kind, k.category, k.measures FROM k JOIN bank_accounts a ON k.col = 'HOLDER' AND a.holder_key = k.key
  UNION ALL
  SELECT a.*, k.ref, k.match_kind, k.category, k.measures FROM k JOIN bank_accounts a ON k.col = 'PHONE' AND a.phone_key = k.key
  UNION ALL
  SELECT a.*, k.ref, k.match_kind, k.category, k.measures FROM k JOIN bank_accounts a ON k.col = 'DEVICE' AND a.device_key = k.key
  UNION ALL
  SELECT a.*, k.ref, k.match_kind, k.category, k.measures FROM k JOIN bank_accounts a
      ON k.col = 'ACCOUNT' AND a.bank_code = split_part(k.key, ':', 1) AND a.account_number = split_part(k.key, ':', 2)
), ins AS (
  INSERT INTO rescreen_hits (job_id, bank_code, account_number, match_ref, institution_id, match_kind, category, measures, holder_key, holder_type, holder_masked, holder_name, account_class, branch_code, opened_at, source)
  SELECT $1::uuid, m.bank_code, m.account_number, m.ref, m.institution_id, m.match_kind, m.category, string_to_array(m.measures, ','), m.holder_key, m.holder_type, m.holder_masked, m.holder_name, m.account_class, m.branch_code, m.opened_at, m.source
    FROM m WHERE m.closed_at IS NULL AND ($8::uuid IS NULL OR m.institution_id = $8::uuid)
  ON CONFLICT DO NOTHING
  RETURNING bank_code, account_number, institution_id, match_ref, match_kind, category, measures, holder_key, holder_type, holder_masked, holder_name, source
)
SELECT * FROM ins`;

@Injectable()
export class RescreenRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Job timestamps are the database's: they measure the work (rate, ETA), not business time. */
  async insertJob(row: Pick<RescreenJobEntity, 'id' | 'kind' | 'institutionId' | 'trigger' | 'requestedBy' | 'entryIds' | 'seqRanges'>): Promise<RescreenJobEntity> {
    await this.ds.query(
      `INSERT INTO rescreen_jobs (id, kind, status, institution_id, trigger, requested_by, entry_ids, seq_ranges, created_at, updated_at) VALUES ($1, $2, 'QUEUED', $3, $4, $5, $6, $7, now(), now())`,
      [row.id, row.kind, row.institutionId, row.trigger, row.requestedBy, row.entryIds === null ? null : JSON.stringify(row.entryIds), row.seqRanges === null ? null : JSON.stringify(row.seqRanges)],
    );
    return (await this.findById(row.id))!;
  }

  findById(id: string): Promise<RescreenJobEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.ds.getRepository(RescreenJobEntity).findOneBy({ id });
  }

  list(q: { institutionIds?: Array<string | null>; status?: RescreenStatus; limit: number }): Promise<RescreenJobEntity[]> {
    const qb = this.ds.getRepository(RescreenJobEntity).createQueryBuilder('j');
    if (q.institutionIds) {
      const ids = q.institutionIds.filter((i): i is string => i !== null);
      qb.andWhere(q.institutionIds.includes(null) ? '(j.institution_id IS NULL OR j.institution_id = ANY(:ids))' : 'j.institution_id = ANY(:ids)', { ids });
    }
    if (q.status) qb.andWhere('j.status = :status', { status: q.status });
    return qb.orderBy('j.created_at', 'DESC').addOrderBy('j.id', 'DESC').limit(q.limit).getMany();
  }

  /**
   * Takes the oldest queued job, or a running one whose worker stopped renewing its lease
   * (database clock), for this worker. Concurrent workers never take the same job.
   */
  async claimNext(owner: string): Promise<RescreenJobEntity | null> {
    const rows: Array<{ id: string }> = await this.ds.query(
      `WITH claimed AS (
         UPDATE rescreen_jobs SET status = 'RUNNING', lease_owner = $1, lease_until = now() + interval '${LEASE_SECONDS} seconds',
                attempts = attempts + 1, started_at = COALESCE(started_at, now()), updated_at = now()
          WHERE id = (SELECT id FROM rescreen_jobs
                       WHERE status = 'QUEUED' OR (status = 'RUNNING' AND (lease_until IS NULL OR lease_until < now()))
                       ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING id)
       SELECT id FROM claimed`,
      [owner],
    );
    return rows[0] ? this.findById(rows[0].id) : null;
  }

  /** Renews the lease; false when another worker has taken the job over. */
  async renew(jobId: string, owner: string, fields: { keysTotal?: number; keysDone?: number }): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `WITH u AS (
         UPDATE rescreen_jobs SET lease_until = now() + interval '${LEASE_SECONDS} seconds', updated_at = now(),
                keys_total = COALESCE($3, keys_total), keys_done = COALESCE($4, keys_done)
          WHERE id = $1 AND lease_owner = $2 AND status = 'RUNNING' RETURNING id)
       SELECT id FROM u`,
      [jobId, owner, fields.keysTotal ?? null, fields.keysDone ?? null],
    );
    return rows.length > 0;
  }

  /**
   * Matches one chunk and moves the checkpoint, in one transaction, only while this worker holds
   * the lease: a chunk is either wholly recorded with its checkpoint or not at all.
   * Returns null when the lease was lost (nothing written).
   */
  matchChunk(
    jobId: string,
    owner: string,
    probes: readonly Probe[],
    o: { institutionId: string | null; checkpoint: string; keysDone: number },
    afterHits: (hits: RecordedHit[], em: EntityManager) => Promise<void>,
  ): Promise<RecordedHit[] | null> {
    return this.ds.transaction(async (em) => {
      const locked: unknown[] = await em.query(`SELECT id FROM rescreen_jobs WHERE id = $1 AND lease_owner = $2 AND status = 'RUNNING' FOR UPDATE`, [jobId, owner]);
      if (locked.length === 0) return null;
      const rows: Array<Record<string, unknown>> = await em.query(MATCH_SQL, [
        jobId,
        probes.map((p) => p.column),
        probes.map((p) => p.key),
        probes.map((p) => p.ref),
        probes.map((p) => p.matchKind),
        probes.map((p) => p.category),
        probes.map((p) => p.measures.join(',')),
        o.institutionId,
      ]);
      const hits: RecordedHit[] = rows.map((r) => ({
        bankCode: r.bank_code as string,
        accountNumber: r.account_number as string,
        institutionId: r.institution_id as string,
        matchRef: r.match_ref as string,
        matchKind: r.match_kind as string,
        category: r.category as string,
        measures: r.measures as string[],
        holderKey: r.holder_key as string,
        holderType: r.holder_type as string,
        holderMasked: r.holder_masked as string,
        holderName: r.holder_name as string | null,
        source: r.source as string,
      }));
      if (hits.length > 0) await afterHits(hits, em);
      await em.query(
        `UPDATE rescreen_jobs SET checkpoint = $2, keys_done = $3, hits = hits + $4, updated_at = now(), lease_until = now() + interval '${LEASE_SECONDS} seconds' WHERE id = $1`,
        [jobId, o.checkpoint, o.keysDone, hits.length],
      );
      return hits;
    });
  }

  async finish(jobId: string, owner: string, status: 'COMPLETED' | 'FAILED', error: string | null): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `WITH u AS (
         UPDATE rescreen_jobs SET status = $3, error = $4, completed_at = now(), updated_at = now(), lease_owner = NULL, lease_until = NULL
          WHERE id = $1 AND lease_owner = $2 AND status = 'RUNNING' RETURNING id)
       SELECT id FROM u`,
      [jobId, owner, status, error],
    );
    return rows.length > 0;
  }

  /** Lets another worker take this worker's running jobs at once (a clean shutdown). */
  async release(owner: string): Promise<void> {
    await this.ds.query(`UPDATE rescreen_jobs SET lease_until = NULL WHERE lease_owner = $1 AND status = 'RUNNING'`, [owner]);
  }

  /** Hits per institution; with `institutionId`, that institution's line only. */
  async reports(jobId: string, institutionId?: string): Promise<InstitutionReport[]> {
    const rows: Array<{ institution_id: string; hits: string; accounts: string }> = await this.ds.query(
      `SELECT institution_id, count(*) AS hits, count(DISTINCT (bank_code, account_number)) AS accounts
         FROM rescreen_hits WHERE job_id = $1 AND ($2::uuid IS NULL OR institution_id = $2::uuid)
        GROUP BY institution_id ORDER BY institution_id`,
      [jobId, institutionId ?? null],
    );
    return rows.map((r) => ({ institutionId: r.institution_id, hits: Number(r.hits), accounts: Number(r.accounts) }));
  }

  async hitCount(jobId: string, institutionId: string): Promise<number> {
    const rows: Array<{ n: string }> = await this.ds.query(`SELECT count(*) AS n FROM rescreen_hits WHERE job_id = $1 AND institution_id = $2`, [jobId, institutionId]);
    return Number(rows[0]?.n ?? 0);
  }

  /** An institution's hits in (bank code, account number, ref) order, a page at a time. */
  hits(q: HitQuery): Promise<RescreenHitEntity[]> {
    const qb = this.ds
      .getRepository(RescreenHitEntity)
      .createQueryBuilder('h')
      .where('h.job_id = :job AND h.institution_id = :ins', { job: q.jobId, ins: q.institutionId });
    if (q.after) {
      qb.andWhere('(h.bank_code, h.account_number, h.match_ref) > (:b, :a, :r)', { b: q.after.bankCode, a: q.after.accountNumber, r: q.after.matchRef });
    }
    return qb.orderBy('h.bank_code', 'ASC').addOrderBy('h.account_number', 'ASC').addOrderBy('h.match_ref', 'ASC').limit(q.limit).getMany();
  }
}
