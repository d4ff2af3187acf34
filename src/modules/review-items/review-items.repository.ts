import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../../common/http/uuid.js';
import { ReviewItemEntity, type ReviewItemKind, type ReviewItemStatus } from './review-item.entity.js';

export interface ReviewItemQuery {
  institutionId?: string;
  kind?: ReviewItemKind;
  status?: ReviewItemStatus;
  screeningId?: string;
  /** Keyset position: items strictly older than this (createdAt, id). */
  before?: { createdAt: Date; id: string };
  limit: number;
}

const COLUMNS = [
  'id',
  'institution_id',
  'kind',
  'status',
  'severity',
  'title',
  'screening_id',
  'bank_code',
  'account_number',
  'subject_type',
  'subject_key',
  'subject_masked',
  'subject_name',
  'finding_codes',
  'source_ref',
  'details',
  'dedup_key',
  'created_at',
  'handed_off_at',
] as const;

/** A row's values in COLUMNS order. */
function columnValues(r: ReviewItemEntity): unknown[] {
  return [r.id, r.institutionId, r.kind, r.status, r.severity, r.title, r.screeningId, r.bankCode, r.accountNumber, r.subjectType, r.subjectKey, r.subjectMasked, r.subjectName, r.findingCodes, r.sourceRef, r.details, r.dedupKey, r.createdAt, r.handedOffAt];
}
const DETAILS = COLUMNS.indexOf('details');

/** Rows per INSERT statement, well under PostgreSQL's 65,535 parameters. */
const INSERT_BATCH = 2000;

@Injectable()
export class ReviewItemsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Inserts items, skipping any whose dedup key exists already. Returns the ids of the rows
   * actually inserted.
   */
  async insertMany(rows: ReviewItemEntity[], em?: EntityManager): Promise<string[]> {
    const inserted: string[] = [];
    for (let start = 0; start < rows.length; start += INSERT_BATCH) {
      const batch = rows.slice(start, start + INSERT_BATCH);
      const params: unknown[] = [];
      const tuples = batch.map((r) => {
        const v = columnValues(r);
        v[DETAILS] = JSON.stringify(r.details);
        const base = params.length;
        params.push(...v);
        return `(${v.map((_, i) => `$${base + i + 1}`).join(', ')})`;
      });
      const result: Array<{ id: string }> = await (em ?? this.ds.manager).query(
        `INSERT INTO review_items (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
        params,
      );
      for (const r of result) inserted.push(r.id);
    }
    return inserted;
  }

  /**
   * Items inserted by a caller's own statement, as one of its data-modifying CTEs: `sql` inserts
   * the rows of the JSON parameter `param` whose screening id is among the ids of the relation
   * `screeningIds` (a CTE of the caller's, with an id column), skipping dedup keys seen before.
   * The text depends on the two names alone, so the caller's statement can be prepared once.
   */
  insertForScreenings(rows: readonly ReviewItemEntity[], param: string, screeningIds: string): { sql: string; value: string } {
    const list = COLUMNS.join(', ');
    return {
      sql: `INSERT INTO review_items (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::review_items, ${param}::jsonb) WHERE screening_id IN (SELECT id FROM ${screeningIds}) ON CONFLICT (dedup_key) DO NOTHING`,
      value: JSON.stringify(rows.map((r) => {
        const v = columnValues(r);
        return Object.fromEntries(COLUMNS.map((c, i) => [c, v[i]]));
      })),
    };
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /**
   * Locks pending items (not handed to cases yet) for hand-off in the caller's transaction: the
   * named ones, or the oldest. Items another transaction holds are skipped, never waited for.
   */
  claimPending(em: EntityManager, o: { ids?: readonly string[]; limit: number }): Promise<ReviewItemEntity[]> {
    const qb = em
      .getRepository(ReviewItemEntity)
      .createQueryBuilder('r')
      .where('r.handed_off_at IS NULL')
      .orderBy('r.created_at', 'ASC')
      .limit(o.limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked');
    if (o.ids) qb.andWhere('r.id = ANY(:ids)', { ids: [...o.ids] });
    return qb.getMany();
  }

  async markHandedOff(em: EntityManager, ids: readonly string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await em.query('UPDATE review_items SET handed_off_at = $2 WHERE id = ANY($1::uuid[])', [[...ids], at]);
  }

  async countPending(): Promise<number> {
    const rows: Array<{ n: string }> = await this.ds.query('SELECT count(*) AS n FROM review_items WHERE handed_off_at IS NULL');
    return Number(rows[0]?.n ?? 0);
  }

  findById(id: string): Promise<ReviewItemEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.ds.getRepository(ReviewItemEntity).findOneBy({ id });
  }

  findByDedupKey(dedupKey: string): Promise<ReviewItemEntity | null> {
    return this.ds.getRepository(ReviewItemEntity).findOneBy({ dedupKey });
  }

  list(q: ReviewItemQuery): Promise<ReviewItemEntity[]> {
    const qb = this.ds.getRepository(ReviewItemEntity).createQueryBuilder('r');
    if (q.institutionId) qb.andWhere('r.institution_id = :ins', { ins: q.institutionId });
    if (q.kind) qb.andWhere('r.kind = :kind', { kind: q.kind });
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    if (q.screeningId) qb.andWhere('r.screening_id = :sid', { sid: q.screeningId });
    if (q.before) qb.andWhere('(r.created_at, r.id) < (:at, :id)', { at: q.before.createdAt, id: q.before.id });
    return qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC').limit(q.limit).getMany();
  }
}
