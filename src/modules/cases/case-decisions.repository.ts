import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, QueryDeepPartialEntity } from 'typeorm';
import { isUuid } from '../../common/http/uuid.js';
import { CaseDecisionEntity } from './entities/case-decision.entity.js';
import { CaseDispositionEntity } from './entities/case-disposition.entity.js';
import { CasePackageEntity } from './entities/case-package.entity.js';

/** Decisions, the feedback rows they leave for rules and detectors, and police packages. */
@Injectable()
export class CaseDecisionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(em: EntityManager, row: CaseDecisionEntity): Promise<void> {
    await em.getRepository(CaseDecisionEntity).insert(row as QueryDeepPartialEntity<CaseDecisionEntity>);
  }

  findById(id: string, em?: EntityManager): Promise<CaseDecisionEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return (em ?? this.ds.manager).getRepository(CaseDecisionEntity).findOneBy({ id });
  }

  /** A decision of the case that is still waiting or being carried out, if any. */
  unfinished(em: EntityManager, caseId: string): Promise<CaseDecisionEntity | null> {
    return em.getRepository(CaseDecisionEntity).createQueryBuilder('d').where("d.case_id = :caseId AND d.status IN ('PENDING_APPROVAL', 'APPLYING')", { caseId }).getOne();
  }

  ofCase(caseId: string, em?: EntityManager): Promise<CaseDecisionEntity[]> {
    return (em ?? this.ds.manager).getRepository(CaseDecisionEntity).find({ where: { caseId }, order: { decidedAt: 'ASC', id: 'ASC' } });
  }

  async update(em: EntityManager, id: string, patch: Partial<Omit<CaseDecisionEntity, 'id'>>): Promise<void> {
    await em.getRepository(CaseDecisionEntity).update({ id }, patch as QueryDeepPartialEntity<CaseDecisionEntity>);
  }

  async insertDispositions(em: EntityManager, rows: CaseDispositionEntity[]): Promise<void> {
    if (rows.length > 0) await em.getRepository(CaseDispositionEntity).insert(rows);
  }

  async insertPackage(em: EntityManager, row: CasePackageEntity): Promise<void> {
    await em.getRepository(CasePackageEntity).insert(row as QueryDeepPartialEntity<CasePackageEntity>);
  }

  findPackage(id: string): Promise<CasePackageEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.ds.getRepository(CasePackageEntity).findOneBy({ id });
  }

  packagesOfCase(caseId: string): Promise<Array<Pick<CasePackageEntity, 'id' | 'createdAt' | 'sha256' | 'decisionId'>>> {
    return this.ds.getRepository(CasePackageEntity).find({ select: { id: true, createdAt: true, sha256: true, decisionId: true }, where: { caseId }, order: { createdAt: 'ASC' } });
  }
}
