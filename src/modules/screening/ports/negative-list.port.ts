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
  subjects: ProbedSubject[];
  phone?: ProbedIdentifier;
  device?: ProbedIdentifier;
}

/** An active entry's exact identifier, for rescreening accounts. */
export interface ListedIdentifier {
  entryId: string;
  kind: ListedIdentifierKind;
  key: string;
}

export interface ListedEntrySummary {
  entryId: string;
  category: string;
  measures: string[];
}

export interface NegativeListPort {
  /** False when no negative list is wired in (screenings then carry no list facts). */
  readonly ready: boolean;
  /** Hits for the applicant, legal representative, phone and device, active entries only. */
  match(probe: NegativeListProbe): Promise<NegativeListHitFact[]>;
  /** Every active entry's exact identifier (for a full rescreen). */
  activeIdentifiers(): Promise<ListedIdentifier[]>;
  /** The exact identifiers of these entries if they are active now (for an incremental rescreen). */
  identifiersOf(entryIds: readonly string[]): Promise<ListedIdentifier[]>;
  /** Category and measures of entries, for hit reports. */
  summaries(entryIds: readonly string[]): Promise<Map<string, ListedEntrySummary>>;
}
