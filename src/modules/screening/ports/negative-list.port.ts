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
  /** How many active entries there are (progress of a full rescreen). */
  activeIdentifierCount(): Promise<number>;
  /**
   * Active entries' exact identifiers in (key, entryId) order, after a position: a full rescreen
   * walks the whole list this way, a page at a time, and resumes from its last position.
   */
  activeIdentifiersAfter(after: ListedPosition | null, limit: number): Promise<ListedIdentifier[]>;
  /** The exact identifiers of these entries if they are active now (for an incremental rescreen). */
  identifiersOf(entryIds: readonly string[]): Promise<ListedIdentifier[]>;
}
