import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { isUuid } from '../http/uuid.js';
import type { ImportProgress, RowError } from './bulk-import.runner.js';
import { ImportJobEntity, type ImportStatus } from './import-job.entity.js';
import { ImportRowErrorEntity } from './import-row-error.entity.js';

export interface ImportJobQuery {
  kind: string;
  /** Only this institution's jobs; undefined for all. */
  institutionId?: string;
  status?: ImportStatus;
  limit: number;
}

@Injectable()
export class ImportJobsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(row: Omit<ImportJobEntity, 'rowsRead' | 'rowsAccepted' | 'rowsRejected' | 'inserted' | 'updated' | 'unchanged' | 'error' | 'finishedAt'>): Promise<ImportJobEntity> {
    const repo = this.ds.getRepository(ImportJobEntity);
    return repo.save(repo.create({ ...row, rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, inserted: 0, updated: 0, unchanged: 0, error: null, finishedAt: null }));
  }

  findById(id: string): Promise<ImportJobEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.ds.getRepository(ImportJobEntity).findOneBy({ id });
  }

  list(q: ImportJobQuery): Promise<ImportJobEntity[]> {
    return this.ds.getRepository(ImportJobEntity).find({
      where: { kind: q.kind, ...(q.institutionId ? { institutionId: q.institutionId } : {}), ...(q.status ? { status: q.status } : {}) },
      order: { startedAt: 'DESC' },
      take: q.limit,
    });
  }

  /** Counters and the rows rejected since the last call, in one transaction. */
  async progress(id: string, p: Readonly<ImportProgress>, errors: readonly RowError[], at: Date): Promise<void> {
    await this.ds.transaction(async (em) => {
      // Progress is informational and rewritten every batch: no need to wait for the disk.
      await em.query('SET LOCAL synchronous_commit = off');
      if (errors.length > 0) {
        const params: unknown[] = [];
        const tuples: string[] = [];
        for (const e of errors) {
          const i = params.length;
          params.push(id, e.row, e.code.slice(0, 64), e.field?.slice(0, 64) ?? null, e.message.slice(0, 1000));
          tuples.push(`($${i + 1}, $${i + 2}, $${i + 3}, $${i + 4}, $${i + 5})`);
        }
        await em.query(`INSERT INTO import_row_errors (job_id, row_number, code, field, message) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`, params);
      }
      await em.query(
        `UPDATE import_jobs SET rows_read = $2, rows_accepted = $3, rows_rejected = $4, inserted = $5, updated = $6, unchanged = $7, updated_at = $8 WHERE id = $1`,
        [id, p.rowsRead, p.rowsAccepted, p.rowsRejected, p.inserted, p.updated, p.unchanged, at],
      );
    });
  }

  async finish(id: string, status: ImportStatus, error: string | null, at: Date, p?: Readonly<ImportProgress>): Promise<void> {
    if (p) {
      await this.ds.query(
        `UPDATE import_jobs SET status = $2, error = $3, finished_at = $4, updated_at = $4, rows_read = $5, rows_accepted = $6, rows_rejected = $7, inserted = $8, updated = $9, unchanged = $10 WHERE id = $1`,
        [id, status, error, at, p.rowsRead, p.rowsAccepted, p.rowsRejected, p.inserted, p.updated, p.unchanged],
      );
    } else {
      await this.ds.query(`UPDATE import_jobs SET status = $2, error = $3, finished_at = $4, updated_at = $4 WHERE id = $1`, [id, status, error, at]);
    }
  }

  /** Row errors in row order, after a row number (keyset paging). */
  errors(jobId: string, afterRow: number, limit: number): Promise<ImportRowErrorEntity[]> {
    return this.ds
      .getRepository(ImportRowErrorEntity)
      .createQueryBuilder('e')
      .where('e.job_id = :jobId AND e.row_number > :afterRow', { jobId, afterRow })
      .orderBy('e.row_number', 'ASC')
      .take(limit)
      .getMany();
  }
}
