import { Inject, Injectable } from '@nestjs/common';
import { seesAllInstitutions, type Principal } from '../../common/http/principal.js';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { isSuppressionActive } from '../../domain/cases/suppression.js';
import { DomainError } from '../../domain/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { CaseSuppressionsRepository } from './case-suppressions.repository.js';
import { CasesRepository } from './cases.repository.js';
import type { CaseSuppressionEntity } from './entities/case-suppression.entity.js';

export interface SuppressionFilter {
  institutionId?: string;
  active?: boolean;
  subjectKey?: string;
  findingCode?: string;
  limit?: number;
  offset?: number;
}

/** Suppressions made by FALSE_POSITIVE decisions: listed, revocable, every change audited. */
@Injectable()
export class CaseSuppressionsService {
  constructor(
    private readonly repo: CaseSuppressionsRepository,
    private readonly cases: CasesRepository,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  isActive(s: CaseSuppressionEntity): boolean {
    return isSuppressionActive(s, this.clock.now());
  }

  list(p: Principal, f: SuppressionFilter): Promise<{ rows: CaseSuppressionEntity[]; total: number }> {
    return this.repo.list({
      institutionId: seesAllInstitutions(p) ? f.institutionId : p.institutionId,
      active: f.active,
      subjectKey: f.subjectKey,
      findingCode: f.findingCode,
      now: this.clock.now(),
      limit: Math.min(Math.max(f.limit ?? 50, 1), 500),
      offset: Math.max(f.offset ?? 0, 0),
    });
  }

  async get(p: Principal, id: string): Promise<CaseSuppressionEntity> {
    const s = await this.repo.findById(id);
    if (!s || (!seesAllInstitutions(p) && s.institutionId !== p.institutionId)) throw new DomainError('CASE_SUPPRESSION_NOT_FOUND', 'No such suppression.');
    return s;
  }

  /** Ends a suppression now; findings on the subject queue again from the next item. */
  async revoke(p: Principal, id: string, reason: string): Promise<CaseSuppressionEntity> {
    await this.cases.inTransaction(async (tx) => {
      const s = await this.repo.lock(tx, id);
      if (!s || s.institutionId !== p.institutionId) throw new DomainError('CASE_SUPPRESSION_NOT_FOUND', 'No such suppression.');
      if (s.revokedAt !== null) throw new DomainError('CASE_SUPPRESSION_REVOKED', 'The suppression is already revoked.');
      await this.repo.update(tx, id, { revokedAt: this.clock.now(), revokedBy: p.id, revokeReason: reason });
    });
    await this.audit.record({ action: 'case.suppression_revoked', subjectType: 'case_suppression', subjectId: id, details: { reason } });
    return (await this.repo.findById(id))!;
  }
}
