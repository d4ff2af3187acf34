import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { BlindIndexService } from '../../common/crypto/blind-index.service.js';
import type { Principal } from '../../common/http/principal.js';
import { isUuid } from '../../common/http/uuid.js';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { DomainError } from '../../domain/domain-error.js';
import {
  accountIdentifier,
  deviceIdentifier,
  foreignDocIdentifier,
  nameSubjectInput,
  type NormalisedIdentifier,
  phoneIdentifier,
  residentIdIdentifier,
  usccIdentifier,
} from '../../domain/negative-list/subject.js';
import { parseInstant } from '../../domain/records/record-fields.js';
import { ChangeFeedService } from '../../infra/messaging/change-feed.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { NonMatchSubjectDto } from './dto/negative-list.dto.js';
import { seesAll } from './negative-list.access.js';
import { NEGATIVE_LIST_TOPIC, NegativeListMatcher, type NegativeListChange } from './negative-list.matcher.js';
import { NegativeListService, rejectionToError } from './negative-list.service.js';
import type { NegativeListNonMatchEntity } from './negative-list-non-match.entity.js';
import { NegativeListNonMatchesRepository } from './negative-list-non-matches.repository.js';

function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 6))}`;
}

/**
 * Known non-matches: an analyst's judgement that a queried subject is not the listed person, so
 * the same false hit stops coming back to the analyst's institution. Marks are remembered by the
 * subject's strongest identifier (resident ID, foreign document, USCC, account, phone, device),
 * else by name and birth date; a later query carrying that identifier (or that name and birth
 * date) no longer returns the entry. Marks can end on a date, are listed, audited and revocable.
 */
@Injectable()
export class NegativeListNonMatchesService {
  constructor(
    private readonly repo: NegativeListNonMatchesRepository,
    private readonly entries: NegativeListService,
    private readonly matcher: NegativeListMatcher,
    private readonly blind: BlindIndexService,
    private readonly feed: ChangeFeedService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The key and masked label of a queried subject. @throws DomainError for invalid identifiers or an empty subject */
  subjectKey(s: NonMatchSubjectDto, now: Date): { key: string; label: string } {
    let id: NormalisedIdentifier | undefined;
    try {
      if (s.idNumber !== undefined) id = residentIdIdentifier(s.idNumber, now);
      else if (s.foreignDocument !== undefined) id = foreignDocIdentifier(s.foreignDocument.nationality, s.foreignDocument.number);
      else if (s.uscc !== undefined) id = usccIdentifier(s.uscc);
      else if (s.account !== undefined) id = accountIdentifier(s.account.bankCode, s.account.accountNumber);
      else if (s.phone !== undefined) id = phoneIdentifier(s.phone);
      else if (s.device !== undefined) id = deviceIdentifier(s.device);
      const name = s.name !== undefined ? maskName(s.name) : '';
      if (id) return { key: `${id.kind}:${this.blind.of(id.kind, id.value)}`, label: [name, id.masked].filter(Boolean).join(' / ') };
      if (s.name !== undefined) {
        const birthDate = s.birthDate;
        return { key: `NAME:${this.blind.of('NAME', nameSubjectInput(s.name, birthDate))}`, label: [name, birthDate ? `${birthDate.slice(0, 4)}-**-**` : ''].filter(Boolean).join(' / ') };
      }
    } catch (e) {
      throw rejectionToError(e);
    }
    throw new DomainError('NEGATIVE_LIST_EMPTY_QUERY', 'Describe the queried subject by an identifier or a name.');
  }

  async mark(p: Principal, input: { entryId: string; subject: NonMatchSubjectDto; reason: string; endsAt?: string }): Promise<NegativeListNonMatchEntity> {
    const now = this.clock.now();
    await this.entries.find(input.entryId);
    const endsAt = input.endsAt !== undefined ? parseInstant(input.endsAt) : null;
    if (endsAt === undefined || (endsAt !== null && endsAt.getTime() <= now.getTime())) throw new DomainError('VALIDATION_FAILED', 'endsAt must be a date-time in the future', { field: 'endsAt' });
    const { key, label } = this.subjectKey(input.subject, now);
    const mark = await this.repo.insert({
      id: randomUUID(),
      institutionId: p.institutionId,
      entryId: input.entryId,
      subjectKey: key,
      subjectLabel: label,
      reason: input.reason,
      createdBy: `${p.kind}:${p.id}`,
      createdAt: now,
      endsAt,
      revokedAt: null,
      revokedBy: null,
      revokeReason: null,
    });
    this.matcher.addMark(mark);
    await this.feed.publish(NEGATIVE_LIST_TOPIC, { action: 'NON_MATCH_MARKED', markId: mark.id, entryId: mark.entryId } satisfies NegativeListChange);
    await this.audit.record({ action: 'negative-list.non-match.marked', subjectType: 'negative-list-non-match', subjectId: mark.id, details: { entryId: mark.entryId, subject: label, reason: input.reason, endsAt: endsAt?.toISOString() ?? null } });
    return mark;
  }

  list(p: Principal, q: { entryId?: string; includeRevoked?: boolean; limit?: number }): Promise<NegativeListNonMatchEntity[]> {
    if (q.entryId !== undefined && !isUuid(q.entryId)) return Promise.resolve([]);
    return this.repo.list({ ...(seesAll(p) ? {} : { institutionId: p.institutionId }), ...(q.entryId ? { entryId: q.entryId } : {}), includeRevoked: q.includeRevoked ?? false, limit: q.limit ?? 100 });
  }

  async revoke(p: Principal, id: string, reason: string): Promise<NegativeListNonMatchEntity> {
    const mark = await this.repo.findById(id);
    const mine = mark && (mark.institutionId === p.institutionId || p.institutionKind === 'OPERATOR');
    if (!mark || !mine) throw new DomainError('NEGATIVE_LIST_NON_MATCH_NOT_FOUND', 'No such known non-match.');
    const now = this.clock.now();
    if (await this.repo.revoke(id, `${p.kind}:${p.id}`, reason, now)) {
      this.matcher.removeMark(id);
      await this.feed.publish(NEGATIVE_LIST_TOPIC, { action: 'NON_MATCH_REVOKED', markId: id, entryId: mark.entryId } satisfies NegativeListChange);
      await this.audit.record({ action: 'negative-list.non-match.revoked', subjectType: 'negative-list-non-match', subjectId: id, institutionId: mark.institutionId, details: { entryId: mark.entryId, reason } });
    }
    return (await this.repo.findById(id))!;
  }
}
