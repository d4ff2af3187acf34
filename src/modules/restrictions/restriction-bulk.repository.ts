import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, QueryDeepPartialEntity } from 'typeorm';
import { isUuid } from '../../common/http/uuid.js';
import { RestrictionBulkJobEntity } from './restriction-bulk-job.entity.js';
import { RestrictionBulkRowEntity, type BulkRowStatus } from './restriction-bulk-row.entity.js';

@Injectable()
export class RestrictionBulkRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The job and all its rows, in one transaction, in slices that keep statements small. */
  async create(job: RestrictionBulkJobEntity, rows: RestrictionBulkRowEntity[]): Promise<void> {
    await this.ds.transaction(async (em) => {
      await em.getRepository(RestrictionBulkJobEntity).insert(job as QueryDeepPartialEntity<RestrictionBulkJobEntity>);
      await this.insertRows(rows, em);
    });
  }

  /** Rows of an upload (one statement per 5,000). */
  async insertRows(rows: RestrictionBulkRowEntity[], em?: EntityManager): Promise<void> {
    const runner = em ?? this.ds.manager;
    for (let i = 0; i < rows.length; i += 5000) {
      const slice = rows.slice(i, i + 5000);
      await runner.query(
        `INSERT INTO restriction_bulk_rows (job_id, row_no, holder_key, holder_masked, status, order_id, error_code, message)
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::varchar[], $4::varchar[], $5::varchar[], $6::uuid[], $7::varchar[], $8::varchar[])`,
        [
          slice.map((r) => r.jobId),
          slice.map((r) => r.rowNo),
          slice.map((r) => r.holderKey),
          slice.map((r) => r.holderMasked),
          slice.map((r) => r.status),
          slice.map((r) => r.orderId),
          slice.map((r) => r.errorCode),
          slice.map((r) => r.message),
        ],
      );
    }
  }

  /** Ends an upload: the counts of what arrived, and the job moves on (only from UPLOADING). */
  async uploaded(id: string, patch: { status: 'AWAITING' | 'PENDING'; total: number; processed: number; failed: number }, now: Date): Promise<boolean> {
    const [, affected]: [unknown[], number] = await this.ds.query(
      `UPDATE restriction_bulk_jobs SET status = $2::varchar, total = $3, processed = $4, failed = $5, updated_at = $6 WHERE id = $1 AND status = 'UPLOADING'`,
      [id, patch.status, patch.total, patch.processed, patch.failed, now],
    );
    return affected > 0;
  }

  findJob(id: string): Promise<RestrictionBulkJobEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.ds.getRepository(RestrictionBulkJobEntity).findOneBy({ id });
  }

  /** Jobs left unfinished (by a restart): they resume from their pending rows. */
  unfinished(): Promise<RestrictionBulkJobEntity[]> {
    return this.ds.getRepository(RestrictionBulkJobEntity).find({ where: [{ status: 'PENDING' }, { status: 'RUNNING' }], order: { createdAt: 'ASC' } });
  }

  /** Moves an AWAITING job to its decision (false when someone decided first). */
  async decide(id: string, status: 'PENDING' | 'REJECTED', template: Record<string, unknown>, now: Date): Promise<boolean> {
    const [, affected]: [unknown[], number] = await this.ds.query(
      `UPDATE restriction_bulk_jobs SET status = $2::varchar, template = $3::jsonb, updated_at = $4::timestamptz, finished_at = CASE WHEN $2::varchar = 'REJECTED' THEN $4::timestamptz ELSE NULL END
        WHERE id = $1 AND status = 'AWAITING'`,
      [id, status, JSON.stringify(template), now],
    );
    return affected > 0;
  }

  /** Takes a job for this instance: pending, or running but abandoned (not touched since staleBefore). */
  async claim(id: string, now: Date, staleBefore: Date): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected]: [unknown[], number] = await this.ds.query(
      `UPDATE restriction_bulk_jobs SET status = 'RUNNING', started_at = COALESCE(started_at, $2), updated_at = $2
        WHERE id = $1 AND (status = 'PENDING' OR (status = 'RUNNING' AND updated_at < $3))`,
      [id, now, staleBefore],
    );
    return affected > 0;
  }

  async updateJob(id: string, patch: Partial<RestrictionBulkJobEntity>): Promise<void> {
    await this.ds.getRepository(RestrictionBulkJobEntity).update({ id }, patch as QueryDeepPartialEntity<RestrictionBulkJobEntity>);
  }

  pendingRows(jobId: string, limit: number): Promise<RestrictionBulkRowEntity[]> {
    return this.ds.getRepository(RestrictionBulkRowEntity).find({ where: { jobId, status: 'PENDING' }, order: { rowNo: 'ASC' }, take: limit });
  }

  async finishRows(rows: RestrictionBulkRowEntity[]): Promise<void> {
    if (rows.length === 0) return;
    await this.ds.query(
      `UPDATE restriction_bulk_rows r SET status = u.status, order_id = u.order_id, error_code = u.error_code, message = u.message
         FROM unnest($1::uuid[], $2::int[], $3::varchar[], $4::uuid[], $5::varchar[], $6::varchar[]) AS u(job_id, row_no, status, order_id, error_code, message)
        WHERE r.job_id = u.job_id AND r.row_no = u.row_no`,
      [rows.map((r) => r.jobId), rows.map((r) => r.rowNo), rows.map((r) => r.status), rows.map((r) => r.orderId), rows.map((r) => r.errorCode), rows.map((r) => r.message)],
    );
  }

  /** Counts per row status (recomputed so a resumed job's counters are exact). */
  async countByStatus(jobId: string): Promise<Record<BulkRowStatus, number>> {
    const rows: Array<{ status: BulkRowStatus; n: string }> = await this.ds.query(
      'SELECT status, count(*) AS n FROM restriction_bulk_rows WHERE job_id = $1 GROUP BY status',
      [jobId],
    );
    const out: Record<BulkRowStatus, number> = { PENDING: 0, CREATED: 0, EXISTING: 0, INVALID: 0, FAILED: 0 };
    for (const r of rows) out[r.status] = Number(r.n);
    return out;
  }

  rows(jobId: string, afterRow: number, limit: number, status?: BulkRowStatus): Promise<RestrictionBulkRowEntity[]> {
    const qb = this.ds
      .getRepository(RestrictionBulkRowEntity)
      .createQueryBuilder('r')
      .where('r.job_id = :jobId AND r.row_no > :afterRow', { jobId, afterRow });
    if (status) qb.andWhere('r.status = :status', { status });
    return qb.orderBy('r.row_no', 'ASC').limit(limit).getMany();
  }
}
