/**
 * The life of a case: OPEN (waiting for someone) -> IN_REVIEW (someone holds it) ->
 * PENDING_APPROVAL (a decision waits for a supervisor) -> CLOSED, and CLOSED can be reopened.
 * Transitions are checked here so no service path can skip a step, e.g. close a case whose
 * decision still waits for approval.
 */
import { DomainError } from '../domain-error.js';

export const CASE_STATUSES = ['OPEN', 'IN_REVIEW', 'PENDING_APPROVAL', 'CLOSED'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTIONS = ['ASSIGN', 'CLAIM', 'RELEASE', 'NOTE', 'DECIDE', 'APPROVE', 'REJECT_DECISION', 'APPLY', 'REOPEN', 'ATTACH_ITEM'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

const ALLOWED: Record<CaseAction, readonly CaseStatus[]> = {
  ASSIGN: ['OPEN', 'IN_REVIEW'],
  CLAIM: ['OPEN', 'IN_REVIEW'],
  RELEASE: ['IN_REVIEW', 'OPEN'],
  NOTE: ['OPEN', 'IN_REVIEW', 'PENDING_APPROVAL', 'CLOSED'],
  DECIDE: ['OPEN', 'IN_REVIEW'],
  APPROVE: ['PENDING_APPROVAL'],
  REJECT_DECISION: ['PENDING_APPROVAL'],
  APPLY: ['OPEN', 'IN_REVIEW', 'PENDING_APPROVAL'],
  REOPEN: ['CLOSED'],
  ATTACH_ITEM: ['OPEN', 'IN_REVIEW', 'PENDING_APPROVAL'],
};

export function isCaseStatus(value: unknown): value is CaseStatus {
  return typeof value === 'string' && (CASE_STATUSES as readonly string[]).includes(value);
}

export function isOpenStatus(s: CaseStatus): boolean {
  return s !== 'CLOSED';
}

export function canPerform(action: CaseAction, status: CaseStatus): boolean {
  return ALLOWED[action].includes(status);
}

/** @throws DomainError CASE_INVALID_TRANSITION when the action is not allowed in this status. */
export function assertCanPerform(action: CaseAction, status: CaseStatus): void {
  if (!canPerform(action, status)) {
    throw new DomainError('CASE_INVALID_TRANSITION', `A case in status ${status} does not allow ${action}.`, { action, status });
  }
}

/** Status after someone takes or is given the case: an assignee means somebody is reviewing it. */
export function statusAfterAssignment(status: CaseStatus, hasAssignee: boolean): CaseStatus {
  if (status !== 'OPEN' && status !== 'IN_REVIEW') return status;
  return hasAssignee ? 'IN_REVIEW' : 'OPEN';
}
