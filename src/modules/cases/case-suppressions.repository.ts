import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../../common/http/uuid.js';
import { amongSubjects, type CaseSubjectRef } from './cases.repository.js';
import { CaseSuppressionEntity } from './entities/case-suppression.entity.js';

export interface SuppressionQuery {
  institutionId?: string;
  active?: boolean;
  subjectKey?: string;
  findingCode?: string;
  now: Date;
  limit: number;
  offset: number;
}

@Injectable()
export class CaseSuppressionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Live suppressions (not revoked, not expired at `now`) of these subjects. */
  liveForSubjects(em: EntityManager, subjects: ReadonlyArray<CaseSubjectRef>, now: Date): Promise<CaseSuppressionEntity[]> {
    if (subjects.length === 0) return Promise.resolve([]);
    return em
      .getRepository(CaseSuppressionEntity)
      .createQueryBuilder('s')
      .where(...amongSubjects('s', subjects))
      .andWhere('s.revoked_at IS NULL AND s.expires_at > :now', { now })
      .getMany();
  }

  /** Counts a hit on each id, once per time it appears in `ids`. */
  async recordHits(em: EntityManager, ids: readonly string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await em.query(
      `UPDATE case_suppressions s SET hit_count = s.hit_count + v.n, last_hit_at = $2
       FROM (SELECT id, count(*)::integer AS n FROM unnest($1::uuid[]) AS id GROUP BY id) v WHERE s.id = v.id`,
      [ids, at],
    );
  }

  async insertMany(em: EntityManager, rows: CaseSuppressionEntity[]): Promise<void> {
    if (rows.length > 0) await em.getRepository(CaseSuppressionEntity).insert(rows);
  }

  findById(id: string): Promise<CaseSuppressionEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.ds.getRepository(CaseSuppressionEntity).findOneBy({ id });
  }

  lock(em: EntityManager, id: string): Promise<CaseSuppressionEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return em.getRepository(CaseSuppressionEntity).createQueryBuilder('s').setLock('pessimistic_write').where('s.id = :id', { id }).getOne();
  }

  async update(em: EntityManager, id: string, patch: Partial<Omit<CaseSuppressionEntity, 'id'>>): Promise<void> {
    await em.getRepository(CaseSuppressionEntity).update({ id }, patch);
  }

  ofDecision(decisionId: string): Promise<CaseSuppressionEntity[]> {
    return this.ds.getRepository(CaseSuppressionEntity).find({ where: { decisionId }, order: { findingCode: 'ASC' } });
  }

  async list(q: SuppressionQuery): Promise<{ rows: CaseSuppressionEntity[]; total: number }> {
    const qb = this.ds.getRepository(CaseSuppressionEntity).createQueryBuilder('s');
    if (q.institutionId) qb.andWhere('s.institution_id = :ins', { ins: q.institutionId });
    if (q.active === true) qb.andWhere('s.revoked_at IS NULL AND s.expires_at > :now', { now: q.now });
    if (q.active === false) qb.andWhere('(s.revoked_at IS NOT NULL OR s.expires_at <= :now)', { now: q.now });
    if (q.subjectKey) qb.andWhere('s.subject_key = :sk', { sk: q.subjectKey });
    if (q.findingCode) qb.andWhere('s.finding_code = :fc', { fc: q.findingCode });
    const total = await qb.getCount();
    const rows = await qb.orderBy('s.created_at', 'DESC').addOrderBy('s.id', 'ASC').offset(q.offset).limit(q.limit).getMany();
    return { rows, total };
  }
}
