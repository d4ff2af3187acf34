import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { DomainError } from '../../domain/domain-error.js';
import { LIST_ENTRY_EXPIRY, deriveStatus } from '../../domain/restrictions/index.js';
import type { NegativeListEntryEntity } from '../negative-list/negative-list-entry.entity.js';
import { NegativeListService } from '../negative-list/negative-list.service.js';
import type { NegativeListEntryFacts, NegativeListEntryReader, NegativeListEntrySubject } from './negative-list-events.js';
import { RestrictionsRepository } from './restrictions.repository.js';

function subjectOf(e: NegativeListEntryEntity): NegativeListEntrySubject {
  if (e.subjectType === 'PERSON') return { kind: 'PERSON', holderKey: e.subjectKey, masked: e.identifierMasked.slice(0, 40) };
  if (e.subjectType === 'ENTITY') return { kind: 'ENTITY', holderKey: e.subjectKey, masked: e.identifierMasked.slice(0, 40) };
  if (e.subjectType === 'ACCOUNT') {
    // The account identifier's normal form is "<bank code>:<account number>".
    const i = e.identifier.indexOf(':');
    if (i > 0) return { kind: 'ACCOUNT', bankCode: e.identifier.slice(0, i), accountNumber: e.identifier.slice(i + 1) };
  }
  return { kind: 'OTHER' };
}

/** Reads entries through the negative-list module's service, as the facts policies need. */
@Injectable()
export class NegativeListEntryAdapter implements NegativeListEntryReader {
  constructor(
    private readonly list: NegativeListService,
    private readonly repo: RestrictionsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private facts(e: NegativeListEntryEntity): NegativeListEntryFacts {
    return {
      entryId: e.id,
      version: e.version,
      status: deriveStatus(e, this.clock.now(), LIST_ENTRY_EXPIRY),
      subject: subjectOf(e),
      measures: [...e.measures],
      effectiveFrom: e.effectiveFrom,
      expiresAt: e.expiresAt,
      contributorInstitutionId: e.contributorInstitutionId,
    };
  }

  async read(entryIds: readonly string[]): Promise<NegativeListEntryFacts[]> {
    const out: NegativeListEntryFacts[] = [];
    for (const id of entryIds) {
      try {
        out.push(this.facts(await this.list.find(id)));
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
      }
    }
    return out;
  }

  async readRange(fromSeq: string, toSeq: string): Promise<NegativeListEntryFacts[]> {
    return this.read(await this.repo.negativeListEntryIdsInRange(fromSeq, toSeq));
  }
}
