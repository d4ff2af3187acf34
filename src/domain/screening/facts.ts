/**
 * Facts the screening service gathers before any rule runs. Rules are pure: every lookup
 * (negative list, registry, opening records, restrictions, the clock) happens in the service,
 * and the result is stored with the screening so a decision can be replayed from it alone.
 *
 * Counts never say which other institution was involved: a bank learns "3 accounts elsewhere
 * in 7 days", never where.
 */

export const APPLICANT_TYPES = ['PERSON', 'ENTITY'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

export const CHANNELS = ['COUNTER', 'MOBILE', 'ONLINE', 'AGENT'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Personal account classes, from full function (I) to the most limited (III). */
export const ACCOUNT_CLASSES = ['I', 'II', 'III'] as const;
export type AccountClass = (typeof ACCOUNT_CLASSES)[number];

export const ID_TYPES = [
  'RESIDENT_ID',
  'PASSPORT',
  'HK_MACAO_PERMIT',
  'TAIWAN_PERMIT',
  'FOREIGN_PERMANENT_RESIDENT',
] as const;
export type IdType = (typeof ID_TYPES)[number];

export const NEGATIVE_LIST_MATCH_TYPES = [
  'EXACT_ID',
  'EXACT_USCC',
  'EXACT_PHONE',
  'EXACT_ACCOUNT',
  'EXACT_DEVICE',
  'NAME_FUZZY',
] as const;
export type NegativeListMatchType = (typeof NEGATIVE_LIST_MATCH_TYPES)[number];

/** Which part of the application the negative-list hit was found on. */
export const NEGATIVE_LIST_SUBJECT_ROLES = ['APPLICANT', 'LEGAL_REPRESENTATIVE', 'PHONE', 'DEVICE'] as const;
export type NegativeListSubjectRole = (typeof NEGATIVE_LIST_SUBJECT_ROLES)[number];

export interface NegativeListHitFact {
  /** Id of the negative-list entry (never the contributor's identity). */
  entryId: string;
  matchType: NegativeListMatchType;
  /** Match score 0..1 as returned by the matcher (1 for exact identifier matches). */
  score: number;
  /** Entry category, e.g. ACCOUNT_SELLER, CONVICTED_FRAUDSTER, FRAUD_SUSPECT, FRAUD_PHONE. */
  category: string;
  /** Measures attached to the entry, e.g. NO_NEW_ACCOUNTS. */
  measures: string[];
  subjectRole: NegativeListSubjectRole;
}

/** An active person-level restriction order that forbids opening new accounts. */
export interface PersonRestrictionFact {
  level: 'NO_NEW_ACCOUNTS';
  orderId: string;
}

export interface CrossBankFacts {
  /** Accounts opened or applied for by the same ID (or USCC) at other institutions. */
  openedOrAppliedElsewhere: number;
  /** The window the count covers, in days, ending at the screening time. */
  windowDays: number;
}

/**
 * How many OTHER applicants (distinct ID numbers or USCCs, the current applicant excluded)
 * used the same phone, device or normalised address within the window. Zero when the
 * identifier was not given.
 */
export interface SharedIdentifierFacts {
  phoneApplicants: number;
  deviceApplicants: number;
  addressApplicants: number;
  windowDays: number;
}

interface CommonFacts {
  channel: Channel;
  /** Hits for the applicant, the legal representative, the phone and the device. */
  negativeListHits: NegativeListHitFact[];
  sharedIdentifiers: SharedIdentifierFacts;
}

export interface PersonScreeningFacts extends CommonFacts {
  applicantType: 'PERSON';
  requestedAccountClass: AccountClass;
  idType: IdType;
  /** Completed years at the screening date; undefined when the birth date is unknown. */
  ageYears: number | undefined;
  /** GB/T 2260 province code (2 digits) of household registration, from a resident ID. */
  householdProvinceCode?: string;
  /** GB/T 2260 province code (2 digits) of the branch opening the account. */
  branchProvinceCode?: string;
  /** True when the identity document's validity ended before the screening date. */
  idExpired: boolean;
  personRestriction?: PersonRestrictionFact | null;
  crossBank: CrossBankFacts;
}

export type EntityStatus = 'ACTIVE' | 'REVOKED' | 'DEREGISTERED' | 'OTHER';

/** What the market-entity registry says about the applicant company. */
export interface RegistryFacts {
  found: true;
  /** Whether the applicant's name equals the registered name or one of its former names. */
  nameMatches: boolean;
  status: EntityStatus;
  /** Currently on the abnormal-operations list (经营异常名录). */
  abnormalOperations: boolean;
  /** Currently on the serious illegal and dishonest list (严重违法失信名单). */
  seriousDishonest: boolean;
  /** Days since establishment at the screening date. */
  ageDays: number;
  registeredCapitalFen?: number;
  /** Entities the same legal representative represents, this one included. */
  legalRepEntityCount: number;
  /** Entities registered at the same normalised address, this one included. */
  addressEntityCount: number;
}

export interface EntityScreeningFacts extends CommonFacts {
  applicantType: 'ENTITY';
  /** null when the USCC is not in the registry. */
  registry: RegistryFacts | null;
  /** Accounts opened or applied for by the same USCC elsewhere, when the service counts them. */
  crossBank?: CrossBankFacts;
}

export type ScreeningFacts = PersonScreeningFacts | EntityScreeningFacts;

export const REMOTE_CHANNELS: readonly Channel[] = ['MOBILE', 'ONLINE', 'AGENT'];
