import type { ErrorCatalogue } from '../../common/errors/error-description.js';

export const CASE_ERRORS = {
  CASE_NOT_FOUND: { status: 404, title: 'Case not found' },
  CASE_DECISION_NOT_FOUND: { status: 404, title: 'Case decision not found' },
  CASE_PACKAGE_NOT_FOUND: { status: 404, title: 'Case package not found' },
  CASE_SUPPRESSION_NOT_FOUND: { status: 404, title: 'Suppression not found' },
  CASE_INVALID_TRANSITION: { status: 409, title: 'The case is not in a status that allows this' },
  CASE_DECISION_NOT_PENDING: { status: 409, title: 'The decision is not waiting for approval' },
  CASE_SUBJECT_HAS_OPEN_CASE: { status: 409, title: 'The subject already has an open case' },
  CASE_ALREADY_ASSIGNED: { status: 409, title: 'The case is assigned to someone else' },
  CASE_SUPPRESSION_REVOKED: { status: 409, title: 'The suppression is already revoked' },
  CASE_NOT_ASSIGNEE: { status: 403, title: 'Only the assignee or a supervisor may do this' },
  CASE_APPROVAL_FORBIDDEN: { status: 403, title: 'This approval is not allowed (four eyes)' },
  CASE_ASSIGNEE_INVALID: { status: 422, title: 'The assignee is not an active analyst or supervisor of the institution' },
  CASE_NO_ANALYSTS: { status: 422, title: 'The institution has no active analyst to assign' },
  CASE_DECISION_INVALID: { status: 422, title: 'The decision is not valid' },
  CASE_SUPPRESSION_INVALID: { status: 422, title: 'The suppression is not valid' },
  CASE_ITEM_INVALID: { status: 422, title: 'The case item is not valid' },
  CASE_SUBJECT_MISMATCH: { status: 422, title: 'The identifier given does not belong to the case subject' },
  CASE_EFFECT_UNAVAILABLE: { status: 503, title: 'The module that carries out this decision is not available' },
  CASE_EFFECT_FAILED: { status: 502, title: 'The decision could not be carried out' },
  CASE_INVALID_DUE_HOURS: { status: 500, title: 'CASE_DUE_HOURS is not valid' },
} as const satisfies ErrorCatalogue<string>;
export type CaseErrorCode = keyof typeof CASE_ERRORS;
