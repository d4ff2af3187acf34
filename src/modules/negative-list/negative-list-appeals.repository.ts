import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../../common/http/uuid.js';
import { type AppealStatus, NegativeListAppealEntity } from './negative-list-appeal.entity.js';

export interface AppealQuery {
  status?: AppealStatus;
  /** Open and past the deadline at this instant. */
  overdueAt?: Date;
  /** Appeals on this institution's entries or received by it; undefined for all. */
  institutionId?: string;
  entryId?: string;
  limit: number;
}

@Injectable()
export class NegativeListAppealsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(em: EntityManager, row: NegativeListAppealEntity): Promise<NegativeListAppealEntity> {
    const repo = em.getRepository(NegativeListAppealEntity);
    return repo.save(repo.create(row));
  }

  async findById(id: string, em?: EntityManager): Promise<NegativeListAppealEntity | null> {
    if (!isUuid(id)) return null;
    const repo = (em ?? this.ds.manager).getRepository(NegativeListAppealEntity);
    return em ? repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }) : repo.findOneBy({ id });
  }

  findOpenForEntry(em: EntityManager, entryId: string): Promise<NegativeListAppealEntity | null> {
    return em.getRepository(NegativeListAppealEntity).findOneBy({ entryId, status: 'OPEN' });
  }

  async decide(em: EntityManager, id: string, status: AppealStatus, by: string, institutionId: string, reason: string, at: Date): Promise<void> {
    await em.query(`UPDATE negative_list_appeals SET status = $2, decided_by = $3, decided_by_institution_id = $4, decision_reason = $5, decided_at = $6 WHERE id = $1`, [id, status, by, institutionId, reason, at]);
  }

  async list(q: AppealQuery): Promise<NegativeListAppealEntity[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown): string => {
      params.push(v);
      return `$${params.length}`;
    };
    if (q.status) where.push(`a.status = ${p(q.status)}`);
    if (q.overdueAt) where.push(`a.status = 'OPEN' AND a.deadline_at < ${p(q.overdueAt)}`);
    if (q.entryId) where.push(`a.entry_id = ${p(q.entryId)}`);
    if (q.institutionId) {
      const inst = p(q.institutionId);
      where.push(`(a.received_by_institution_id = ${inst} OR EXISTS (SELECT 1 FROM negative_list_entries e WHERE e.id = a.entry_id AND e.contributor_institution_id = ${inst}))`);
    }
    return this.listRaw(where, params, q.limit);
  }

  private async listRaw(where: string[], params: unknown[], limit: number): Promise<NegativeListAppealEntity[]> {
    params.push(limit);
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT a.* FROM negative_list_appeals a WHERE ${where.length > 0 ? where.join(' AND ') : 'TRUE'} ORDER BY a.deadline_at ASC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) =>
      Object.assign(new NegativeListAppealEntity(), {
        id: r.id,
        entryId: r.entry_id,
        receivedAt: r.received_at,
        receivedByInstitutionId: r.received_by_institution_id,
        recordedBy: r.recorded_by,
        grounds: r.grounds,
        deadlineAt: r.deadline_at,
        status: r.status,
        decidedAt: r.decided_at,
        decidedBy: r.decided_by,
        decidedByInstitutionId: r.decided_by_institution_id,
        decisionReason: r.decision_reason,
        createdAt: r.created_at,
      }),
    );
  }
}
