/**
 * What screening, second verification and rescreening need from the negative list, kept
 * narrow so the list's own module can change inside. Identifiers are passed as blind-index
 * keys (what the platform stores) and, when the caller still has it, the normalised value.
 */
import type { NegativeListHitFact, NegativeListSubjectRole } from '../../../domain/screening/index.js';

export const NEGATIVE_LIST_PORT = Symbol('NEGATIVE_LIST_PORT');

/** The blind-index kinds an entry can be keyed by. */
export type ListedIdentifierKind = 'RESIDENT_ID' | 'FOREIGN_DOC' | 'USCC' | 'PHONE' | 'ACCOUNT' | 'DEVICE';

export interface ProbedIdentifier {
  kind: ListedIdentifierKind;
  /** Blind index of the normalised value. */
  key: string;
  /** The normalised value, when the caller has it (not on second verification). */
  value?: string;
}

export interface ProbedSubject {
  role: Extract<NegativeListSubjectRole, 'APPLICANT' | 'LEGAL_REPRESENTATIVE'>;
  subjectType: 'PERSON' | 'ENTITY';
  identifier: ProbedIdentifier;
  /** For fuzzy name matching. */
  name?: string;
  /** 'YYYY-MM-DD', to disambiguate fuzzy name hits. */
  birthDate?: string;
}

export interface NegativeListProbe {
  /** The institution asking: its known non-match marks apply. */
  institutionId?: string;
  subjects: ProbedSubject[];
  phone?: ProbedIdentifier;
  device?: ProbedIdentifier;
}

/** An active entry's exact identifier, for rescreening accounts. */
export interface ListedIdentifier {
  entryId: string;
  kind: ListedIdentifierKind;
  /** Blind index of the identifier. */
  key: string;
  /** ACCOUNT entries only: the normal form 'BANKCODE:digits' (accounts are registered in clear). */
  value?: string;
  category: string;
  measures: string[];
}

/** Which entries a rescreen walks: all in force, or only named ones, or those changed in seq ranges. */
export interface ListedScope {
  entryIds?: readonly string[];
  /** Inclusive ranges of the list's change sequence (as announced after a bulk import). */
  seqRanges?: ReadonlyArray<readonly [string, string]>;
}

/** A position in (key, entryId) order. */
export interface ListedPosition {
  key: string;
  entryId: string;
}

export interface NegativeListPort {
  /** False when no negative list is wired in (screenings then carry no list facts). */
  readonly ready: boolean;
  /** Hits for the applicant, legal representative, phone and device, active entries only. */
  match(probe: NegativeListProbe): Promise<NegativeListHitFact[]>;
  /** How many entries in force there are in the scope (progress of a rescreen). */
  activeIdentifierCount(scope?: ListedScope): Promise<number>;
  /**
   * Entries in force (within the scope), their exact identifiers in (key, entryId) order after a
   * position: a rescreen walks the list this way, a page at a time, and resumes from its last
   * position. No scope: the whole list (a full rescreen).
   */
  activeIdentifiersAfter(after: ListedPosition | null, limit: number, scope?: ListedScope): Promise<ListedIdentifier[]>;
}
