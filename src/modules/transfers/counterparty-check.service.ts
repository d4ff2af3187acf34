/**
 * Is a transfer's receiver on the negative list? Asked by the detection engine for every
 * transfer (victim warnings, 预警劝阻), so it answers from memory: the in-process negative-list
 * matcher, looked up by the receiving account, by the phone number registered on that account
 * (a phone-linked account), and by the holder's ID number (from the registry's holder key, or
 * the event's own creditor.idNumber). Answers are cached per receiver and dropped whenever the
 * negative list changes.
 */
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DomainError } from '../../domain/domain-error.js';
import type { PartyRef } from '../../domain/detection/transfer-event.js';
import type { IdentifierKind } from '../../domain/negative-list/taxonomy.js';
import { ChangeFeedService } from '../../infra/messaging/change-feed.service.js';
import { NEGATIVE_LIST_TOPIC, NegativeListMatcher, type MatchHit } from '../negative-list/negative-list.matcher.js';
import { AccountFactsService } from './account-facts.service.js';

export type ListedAnswer = false | { readonly reason: string };

const IN_FORCE = new Set(['ACTIVE', 'UNDER_APPEAL']);
/** About 100 bytes an answer; a day's distinct receivers of a regional platform fit. */
const MAX_CACHED = 500_000;
const BLIND_KEY = /^[0-9a-f]{21,128}$/i;

function reasonOf(prefix: string, hits: readonly MatchHit[]): ListedAnswer {
  const hit = hits.find((h) => h.score >= 1 && IN_FORCE.has(h.entry.status));
  return hit ? { reason: `${prefix}:${hit.entry.category}:${hit.entryId}` } : false;
}

@Injectable()
export class CounterpartyCheckService implements OnModuleInit {
  private readonly logger = new Logger('CounterpartyCheck');
  private readonly cache = new Map<string, ListedAnswer>();

  constructor(
    private readonly matcher: NegativeListMatcher,
    private readonly facts: AccountFactsService,
    private readonly feed: ChangeFeedService,
  ) {}

  onModuleInit(): void {
    this.feed.subscribe(NEGATIVE_LIST_TOPIC, () => this.cache.clear());
  }

  /** Resolves once the matcher has loaded the list. */
  get ready(): Promise<void> {
    return this.matcher.ready;
  }

  private tryMatch(fn: () => MatchHit[]): MatchHit[] {
    try {
      return fn();
    } catch (err) {
      // An account or ID number the matcher cannot normalise cannot be on the list.
      if (err instanceof DomainError) return [];
      throw err;
    }
  }

  private byKey(kind: IdentifierKind, key: string): MatchHit[] {
    // Registry keys are hex blind indexes; anything else cannot name a list entry.
    if (!BLIND_KEY.test(key)) return [];
    return this.matcher.matchKeys({ identifiers: [{ kind, key }], limit: 3 });
  }

  isListed(creditor: PartyRef): ListedAnswer {
    const key = `${creditor.bankCode}:${creditor.accountNumber}`;
    const cacheKey = creditor.idNumber === undefined ? key : `${key}|${creditor.idNumber}`;
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) return cached;
    const answer = this.lookup(creditor, key);
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(cacheKey, answer);
    return answer;
  }

  private lookup(creditor: PartyRef, key: string): ListedAnswer {
    const account = reasonOf('ACCOUNT', this.tryMatch(() => this.matcher.match({ account: { bankCode: creditor.bankCode, accountNumber: creditor.accountNumber }, limit: 3 })));
    if (account) return account;
    const f = this.facts.get(key);
    if (f?.phoneKey) {
      const phone = reasonOf('PHONE_LINKED_ACCOUNT', this.byKey('PHONE', f.phoneKey));
      if (phone) return phone;
    }
    if (f?.holderKey) {
      const kinds: IdentifierKind[] = f.holderType === 'ENTITY' ? ['USCC'] : ['RESIDENT_ID', 'FOREIGN_DOC'];
      for (const kind of kinds) {
        const holder = reasonOf('HOLDER', this.byKey(kind, f.holderKey));
        if (holder) return holder;
      }
    }
    if (creditor.idNumber !== undefined) {
      const person = reasonOf('HOLDER', this.tryMatch(() => this.matcher.match({ residentId: creditor.idNumber!, limit: 3 })));
      if (person) return person;
    }
    return false;
  }

  clear(): void {
    this.logger.debug('counterparty cache cleared');
    this.cache.clear();
  }
}
