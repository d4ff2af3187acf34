/**
 * What a case decision needs before it takes effect. Measures that cut a person off from their
 * money or from banking everywhere (non-counter business suspended or worse, a listing shared
 * with every bank) need a second person: a SUPERVISOR who is not the analyst who decided
 * (four eyes, as the restriction rules require for orders at NON_COUNTER_SUSPENDED and above).
 */
import { DomainError } from '../domain-error.js';
import { isRestrictionLevel, levelRank, type RestrictionLevel } from '../restrictions/ladder.js';

export const DECISION_KINDS = ['FALSE_POSITIVE', 'NO_ACTION', 'RESTRICT', 'ADD_TO_NEGATIVE_LIST', 'REPORT_TO_POLICE'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const DECISION_STATUSES = ['PENDING_APPROVAL', 'APPLYING', 'APPLIED', 'REJECTED', 'FAILED'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** The rung from which a RESTRICT decision needs a supervisor's approval. */
export const APPROVAL_FLOOR: RestrictionLevel = 'NON_COUNTER_SUSPENDED';

export function isDecisionKind(value: unknown): value is DecisionKind {
  return typeof value === 'string' && (DECISION_KINDS as readonly string[]).includes(value);
}

export function needsApproval(kind: DecisionKind, level?: RestrictionLevel | null): boolean {
  if (kind === 'ADD_TO_NEGATIVE_LIST') return true;
  if (kind === 'RESTRICT') {
    if (!isRestrictionLevel(level)) throw new DomainError('CASE_DECISION_INVALID', 'RESTRICT needs a restriction level.');
    return levelRank(level) >= levelRank(APPROVAL_FLOOR);
  }
  return false;
}

export interface Approver {
  readonly userId: string;
  readonly roles: readonly string[];
  readonly institutionId: string;
}

/**
 * @throws DomainError CASE_APPROVAL_FORBIDDEN when the approver is not a supervisor of the
 * case's institution, or is the person who decided.
 */
export function assertMayApprove(approver: Approver, decidedBy: string, caseInstitutionId: string): void {
  if (!approver.roles.includes('SUPERVISOR') || approver.institutionId !== caseInstitutionId) {
    throw new DomainError('CASE_APPROVAL_FORBIDDEN', 'Only a supervisor of the institution that holds the case may approve its decisions.');
  }
  if (approver.userId === decidedBy) {
    throw new DomainError('CASE_APPROVAL_FORBIDDEN', 'The person who decided may not approve the same decision (four eyes).');
  }
}

/** Dispositions fed back to rules and detectors: only FALSE_POSITIVE counts against a finding. */
export function isFalsePositive(kind: DecisionKind): boolean {
  return kind === 'FALSE_POSITIVE';
}
