/**
 * The link between the negative list and restrictions. The negative-list module announces
 * changes on the change feed (topic `negative-list.changes`, payload `{ action, entryId,
 * version?, reason?, fromSeq?, toSeq? }`); NegativeListSubscriber reads the entry through a
 * NegativeListEntryReader and calls NegativeListEvents, which RestrictionsService implements.
 * Anything else that knows an entry's facts may call NegativeListEvents directly.
 */
import type { RestrictionOrderEntity } from './restriction-order.entity.js';

export type NegativeListEntrySubject =
  | { kind: 'PERSON'; holderKey: string; masked: string }
  | { kind: 'ENTITY'; holderKey: string; masked: string }
  | { kind: 'ACCOUNT'; bankCode: string; accountNumber: string }
  | { kind: 'OTHER' };

/** What restrictions needs to know about a negative-list entry. */
export interface NegativeListEntryFacts {
  entryId: string;
  version: number;
  /** Status as of now (expiry applied from the clock). */
  status: 'ACTIVE' | 'UNDER_APPEAL' | 'EXPIRED' | 'REVOKED';
  subject: NegativeListEntrySubject;
  /** e.g. NO_NEW_ACCOUNTS, NON_COUNTER_SUSPENDED, PAYMENT_ACCOUNT_SUSPENDED. */
  measures: readonly string[];
  effectiveFrom: Date;
  expiresAt: Date | null;
  contributorInstitutionId: string;
}

export type ReleaseReason = 'REVOKED' | 'APPEAL_UPHELD';

export interface AutomationOutcome {
  created: RestrictionOrderEntity[];
  existing: RestrictionOrderEntity[];
  lifted: RestrictionOrderEntity[];
}

export interface NegativeListEvents {
  /** An entry was created, amended or imported and is in force: policies may make orders. */
  entryInForce(entry: NegativeListEntryFacts): Promise<AutomationOutcome>;
  /** An entry was revoked or an appeal against it upheld: every open order based on it is lifted. */
  entryReleased(entryId: string, reason: ReleaseReason, note?: string): Promise<RestrictionOrderEntity[]>;
}

/** How the subscriber reads entries; provided by the negative-list module (token below). */
export interface NegativeListEntryReader {
  read(entryIds: readonly string[]): Promise<NegativeListEntryFacts[]>;
  /** Entries changed by a bulk import, between two change sequence numbers. */
  readRange?(fromSeq: string, toSeq: string): Promise<NegativeListEntryFacts[]>;
}

export const NEGATIVE_LIST_ENTRY_READER = Symbol('NEGATIVE_LIST_ENTRY_READER');
export const NEGATIVE_LIST_TOPIC = 'negative-list.changes';
