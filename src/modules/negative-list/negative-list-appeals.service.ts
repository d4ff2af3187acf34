import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../common/http/principal.js';
import { APP_CONFIG, CLOCK, type Clock } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { DomainError } from '../../domain/domain-error.js';
import { parseInstant } from '../../domain/records/record-fields.js';
import { deriveStatus, LIST_ENTRY_EXPIRY } from '../../domain/restrictions/terms.js';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, mayChange, seesAll } from './negative-list.access.js';
import { NegativeListRepository } from './negative-list.repository.js';
import { NegativeListService } from './negative-list.service.js';
import type { NegativeListAppealEntity } from './negative-list-appeal.entity.js';
import { NegativeListAppealsRepository } from './negative-list-appeals.repository.js';

const DAY_MS = 86_400_000;

/**
 * Appeals (申诉) against listings. Any member institution may record an appeal it received; the
 * contributor or the operator decides it. UPHELD revokes the entry, and the revocation on the
 * change feed releases whatever was derived from it (restriction orders) at every institution;
 * REJECTED puts the entry back in force. The answer is due NEGATIVE_LIST_APPEAL_DAYS after
 * receipt; open appeals past that are listed as overdue.
 */
@Injectable()
export class NegativeListAppealsService {
  constructor(
    private readonly appeals: NegativeListAppealsRepository,
    private readonly entries: NegativeListRepository,
    private readonly list: NegativeListService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async file(p: Principal, entryId: string, input: { grounds: string; receivedAt?: string }): Promise<NegativeListAppealEntity> {
    const now = this.clock.now();
    const receivedAt = input.receivedAt !== undefined ? parseInstant(input.receivedAt) : now;
    if (!receivedAt) throw new DomainError('VALIDATION_FAILED', 'receivedAt is not a valid date-time', { field: 'receivedAt' });
    if (receivedAt.getTime() > now.getTime()) throw new DomainError('VALIDATION_FAILED', 'receivedAt is in the future', { field: 'receivedAt' });
    const { appeal, entry } = await this.entries.transaction(async (em) => {
      const e = await this.entries.findById(entryId, em);
      if (!e) throw new DomainError('NEGATIVE_LIST_ENTRY_NOT_FOUND', 'No such negative-list entry.');
      const status = deriveStatus({ status: e.status, expiresAt: e.expiresAt }, now, LIST_ENTRY_EXPIRY);
      if (status === 'UNDER_APPEAL' || (await this.appeals.findOpenForEntry(em, e.id))) throw new DomainError('NEGATIVE_LIST_APPEAL_ALREADY_OPEN', 'An appeal against this entry is already open.');
      if (status !== 'ACTIVE') throw new DomainError('NEGATIVE_LIST_APPEAL_NOT_ALLOWED', `The entry is ${status.toLowerCase()}; there is nothing to appeal.`);
      const appeal = await this.appeals.insert(em, {
        id: randomUUID(),
        entryId: e.id,
        receivedAt,
        receivedByInstitutionId: p.institutionId,
        recordedBy: `${p.kind}:${p.id}`,
        grounds: input.grounds,
        deadlineAt: new Date(receivedAt.getTime() + this.config.NEGATIVE_LIST_APPEAL_DAYS * DAY_MS),
        status: 'OPEN',
        decidedAt: null,
        decidedBy: null,
        decidedByInstitutionId: null,
        decisionReason: null,
        createdAt: now,
      });
      const entry = await this.entries.update(em, e.id, { status: 'UNDER_APPEAL' }, 'APPEAL_OPENED', actorOf(p), now, `appeal ${appeal.id}`);
      return { appeal, entry };
    });
    await this.list.changed(entry, 'APPEAL_OPENED');
    await this.audit.record({ action: 'negative-list.appeal.filed', subjectType: 'negative-list-appeal', subjectId: appeal.id, details: { entryId, deadlineAt: appeal.deadlineAt.toISOString() } });
    return appeal;
  }

  async decide(p: Principal, appealId: string, input: { outcome: 'UPHELD' | 'REJECTED'; reason: string }): Promise<NegativeListAppealEntity> {
    const now = this.clock.now();
    const { appeal, entry } = await this.entries.transaction(async (em) => {
      const a = await this.appeals.findById(appealId, em);
      if (!a || !(await this.visible(p, a))) throw new DomainError('NEGATIVE_LIST_APPEAL_NOT_FOUND', 'No such appeal.');
      const e = await this.entries.findById(a.entryId, em);
      if (!e) throw new DomainError('NEGATIVE_LIST_APPEAL_NOT_FOUND', 'No such appeal.');
      if (!mayChange(p, e.contributorInstitutionId)) throw new DomainError('NEGATIVE_LIST_NOT_CONTRIBUTOR', 'Only the contributing institution or the operator decides an appeal.');
      if (a.status !== 'OPEN') throw new DomainError('NEGATIVE_LIST_APPEAL_DECIDED', `The appeal was ${a.status.toLowerCase()}.`);
      await this.appeals.decide(em, a.id, input.outcome, `${p.kind}:${p.id}`, p.institutionId, input.reason, now);
      let entry = null;
      if (input.outcome === 'UPHELD' && e.status !== 'REVOKED') {
        entry = await this.entries.update(em, e.id, { status: 'REVOKED', statusReason: `appeal upheld: ${input.reason}` }, 'APPEAL_UPHELD', actorOf(p), now, input.reason);
      } else if (input.outcome === 'REJECTED' && e.status === 'UNDER_APPEAL') {
        entry = await this.entries.update(em, e.id, { status: 'ACTIVE' }, 'APPEAL_REJECTED', actorOf(p), now, input.reason);
      }
      return { appeal: (await this.appeals.findById(a.id, em))!, entry };
    });
    if (entry) await this.list.changed(entry, input.outcome === 'UPHELD' ? 'REVOKED' : 'APPEAL_REJECTED', input.outcome === 'UPHELD' ? 'APPEAL_UPHELD' : undefined);
    await this.audit.record({ action: `negative-list.appeal.${input.outcome.toLowerCase()}`, subjectType: 'negative-list-appeal', subjectId: appeal.id, details: { entryId: appeal.entryId, reason: input.reason } });
    return appeal;
  }

  /** The operator and regulators see every appeal; an institution those it received and those against its entries. */
  private async visible(p: Principal, a: NegativeListAppealEntity): Promise<boolean> {
    if (seesAll(p) || a.receivedByInstitutionId === p.institutionId) return true;
    const e = await this.entries.findById(a.entryId);
    return e !== null && e.contributorInstitutionId === p.institutionId;
  }

  async get(p: Principal, id: string): Promise<NegativeListAppealEntity> {
    const a = await this.appeals.findById(id);
    if (!a || !(await this.visible(p, a))) throw new DomainError('NEGATIVE_LIST_APPEAL_NOT_FOUND', 'No such appeal.');
    return a;
  }

  listAppeals(p: Principal, q: { status?: 'OPEN' | 'UPHELD' | 'REJECTED'; overdue?: boolean; entryId?: string; limit?: number }): Promise<NegativeListAppealEntity[]> {
    return this.appeals.list({
      ...(q.status ? { status: q.status } : {}),
      ...(q.overdue ? { overdueAt: this.clock.now() } : {}),
      ...(q.entryId ? { entryId: q.entryId } : {}),
      ...(seesAll(p) ? {} : { institutionId: p.institutionId }),
      limit: q.limit ?? 100,
    });
  }
}
