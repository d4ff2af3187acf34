import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../../../common/http/uuid.js';
import { SecondVerificationEntity, type SecondVerificationStatus } from './second-verification.entity.js';

export type NewSecondVerification = Pick<SecondVerificationEntity, 'id' | 'bankCode' | 'accountNumber' | 'institutionId' | 'trigger' | 'triggerRef' | 'dueAt' | 'dedupKey' | 'createdAt'>;

export interface SecondVerificationQuery {
  institutionId?: string;
  bankCode?: string;
  accountNumber?: string;
  status?: SecondVerificationStatus;
  changed?: boolean;
  limit: number;
}

const CLAIM_MINUTES = 5;

@Injectable()
export class SecondVerificationsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Schedules verifications; a dedup key seen before is skipped. Returns how many were added. */
  async schedule(rows: NewSecondVerification[], em?: EntityManager): Promise<number> {
    if (rows.length === 0) return 0;
    const params: unknown[] = [];
    const tuples = rows.map((r) => {
      const v = [r.id, r.bankCode, r.accountNumber, r.institutionId, r.trigger, r.triggerRef, 'PENDING', r.dueAt, r.dedupKey, r.createdAt];
      const base = params.length;
      params.push(...v);
      return `(${v.map((_, i) => `$${base + i + 1}`).join(', ')})`;
    });
    const inserted: unknown[] = await (em ?? this.ds.manager).query(
      `INSERT INTO second_verifications (id, bank_code, account_number, institution_id, trigger, trigger_ref, status, due_at, dedup_key, created_at)
       VALUES ${tuples.join(', ')} ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
      params,
    );
    return inserted.length;
  }

  /**
   * Claims up to `limit` verifications due at `now` (by the service clock), and any whose earlier
   * claim lapsed (by the database clock: a worker that stopped mid-run). Concurrent workers
   * never claim the same row.
   */
  claimDue(now: Date, limit: number): Promise<SecondVerificationEntity[]> {
    return this.ds.transaction(async (em) => {
      const rows: Array<{ id: string }> = await em.query(
        // As a CTE: TypeORM answers a bare UPDATE ... RETURNING with [rows, count], a SELECT with rows.
        `WITH claimed AS (
           UPDATE second_verifications SET status = 'RUNNING', claimed_until = now() + interval '${CLAIM_MINUTES} minutes', attempts = attempts + 1
            WHERE id IN (
              SELECT id FROM second_verifications
               WHERE (status = 'PENDING' AND due_at <= $1) OR (status = 'RUNNING' AND claimed_until < now())
               ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING id)
         SELECT id FROM claimed`,
        [now, limit],
      );
      if (rows.length === 0) return [];
      return em.getRepository(SecondVerificationEntity).createQueryBuilder('v').where('v.id IN (:...ids)', { ids: rows.map((r) => r.id) }).orderBy('v.due_at', 'ASC').getMany();
    });
  }

  /** The decision of the account's latest completed verification, if any. */
  async lastDecision(bankCode: string, accountNumber: string): Promise<string | null> {
    const rows: Array<{ decision: string }> = await this.ds.query(
      `SELECT decision FROM second_verifications WHERE bank_code = $1 AND account_number = $2 AND status = 'DONE' ORDER BY completed_at DESC, created_at DESC LIMIT 1`,
      [bankCode, accountNumber],
    );
    return rows[0]?.decision ?? null;
  }

  async complete(id: string, patch: Pick<SecondVerificationEntity, 'baselineDecision' | 'screeningId' | 'decision' | 'changed' | 'reviewItemId' | 'completedAt'>, em?: EntityManager): Promise<void> {
    await (em ?? this.ds.manager).query(
      `UPDATE second_verifications SET status = 'DONE', claimed_until = NULL, error = NULL, baseline_decision = $2, screening_id = $3, decision = $4, changed = $5, review_item_id = $6, completed_at = $7 WHERE id = $1`,
      [id, patch.baselineDecision, patch.screeningId, patch.decision, patch.changed, patch.reviewItemId, patch.completedAt],
    );
  }

  /** A failed run goes back to PENDING for the next round, or FAILED after `maxAttempts`. */
  async fail(id: string, error: string, maxAttempts: number): Promise<void> {
    await this.ds.query(
      `UPDATE second_verifications SET status = CASE WHEN attempts >= $3 THEN 'FAILED' ELSE 'PENDING' END, claimed_until = NULL, error = $2 WHERE id = $1`,
      [id, error.slice(0, 1000), maxAttempts],
    );
  }

  findById(id: string): Promise<SecondVerificationEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.ds.getRepository(SecondVerificationEntity).findOneBy({ id });
  }

  list(q: SecondVerificationQuery): Promise<SecondVerificationEntity[]> {
    const qb = this.ds.getRepository(SecondVerificationEntity).createQueryBuilder('v');
    if (q.institutionId) qb.andWhere('v.institution_id = :ins', { ins: q.institutionId });
    if (q.bankCode) qb.andWhere('v.bank_code = :bank', { bank: q.bankCode });
    if (q.accountNumber) qb.andWhere('v.account_number = :acct', { acct: q.accountNumber });
    if (q.status) qb.andWhere('v.status = :status', { status: q.status });
    if (q.changed !== undefined) qb.andWhere('v.changed = :changed', { changed: q.changed });
    return qb.orderBy('v.created_at', 'DESC').addOrderBy('v.id', 'DESC').limit(q.limit).getMany();
  }
}
