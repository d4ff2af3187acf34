import type { Severity } from '../../domain/cases/severity.js';

export const CASE_SUBJECT_TYPES = ['PERSON', 'ENTITY', 'ACCOUNT'] as const;
export type CaseSubjectType = (typeof CASE_SUBJECT_TYPES)[number];

export const CASE_SOURCES = ['SCREENING', 'SECOND_VERIFICATION', 'RESCREEN', 'ALERT', 'MANUAL'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export type FindingKind = 'RULE' | 'DETECTOR';

/** Alerts carry detector names; every other source carries screening rule codes. */
export function findingKindOf(source: CaseSource): FindingKind {
  return source === 'ALERT' ? 'DETECTOR' : 'RULE';
}

/** Non-identifying facts about a person subject, for the profile (see domain/cases/subject-profile). */
export interface CaseSubjectAttributes {
  birthDate?: string;
  sex?: 'MALE' | 'FEMALE';
  divisionCode?: string;
}

export interface CaseSubject {
  type: CaseSubjectType;
  /**
   * PERSON: blind index (RESIDENT_ID or FOREIGN_DOC) of the ID number, as in bank_accounts.holder_key;
   * ENTITY: blind index (USCC) of the USCC; ACCOUNT: `${bankCode}:${accountNumber}`.
   */
  key: string;
  /** Masked identifier for display, e.g. '110105********002X' or '622202******1234'. */
  display: string;
  /** Holder or applicant name when the source knows it. */
  name?: string | null;
  attributes?: CaseSubjectAttributes | null;
}

export interface AttachItemInput {
  institutionId: string;
  subject: CaseSubject;
  source: CaseSource;
  /** The id of the thing in its own module (screening id, alert id, review item id ...). */
  sourceId: string;
  severity: Severity;
  /** Screening rule codes or detector names that fired; empty for manual referrals. */
  findingCodes: string[];
  summary: string;
  occurredAt: Date;
  /** Small JSON evidence kept with the item and exported in a police package (< 16 KB). */
  evidence?: Record<string, unknown>;
}

export type AttachOutcome = 'QUEUED' | 'SUPPRESSED' | 'BELOW_THRESHOLD' | 'DUPLICATE';

export interface AttachItemResult {
  outcome: AttachOutcome;
  /** The recorded item; null when below the alert threshold. */
  itemId: string | null;
  /** The open case the item joined; null when suppressed or below threshold. */
  caseId: string | null;
  /** True when this item opened a new case. */
  caseCreated: boolean;
  /** Finding codes a live suppression covered. */
  suppressedCodes: string[];
}
