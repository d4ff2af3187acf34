import type { ErrorCatalogue } from '../../common/errors/error-description.js';

export const RESTRICTION_ERRORS = {
  RESTRICTION_ORDER_NOT_FOUND: { status: 404, title: 'Restriction order not found' },
  RESTRICTION_ACCOUNT_NOT_FOUND: { status: 404, title: 'Account not found' },
  RESTRICTION_BULK_JOB_NOT_FOUND: { status: 404, title: 'Bulk restriction job not found' },
  RESTRICTION_TARGET_NOT_ALLOWED: { status: 403, title: 'This institution may not restrict this target' },
  RESTRICTION_BASIS_NOT_ALLOWED: { status: 403, title: 'This institution may not issue orders on this basis' },
  RESTRICTION_INVALID_ORDER: { status: 422, title: 'The order is not valid' },
  RESTRICTION_TERM_REQUIRED: { status: 422, title: 'The order needs an expiry' },
  RESTRICTION_TERM_OVER: { status: 422, title: 'The term is already over' },
  RESTRICTION_TERM_CAP_REACHED: { status: 409, title: 'Chained terms would pass the 5-year cap' },
  RESTRICTION_ORDER_NOT_PENDING: { status: 409, title: 'The order is not waiting for approval' },
  RESTRICTION_ORDER_NOT_OPEN: { status: 409, title: 'The order is no longer active or pending' },
  RESTRICTION_APPROVER_NOT_ALLOWED: { status: 403, title: 'Approval needs a supervisor of the issuing institution other than the issuer' },
  RESTRICTION_SUPERSEDE_MISMATCH: { status: 422, title: 'The superseded order has another target or is not open' },
  RESTRICTION_INVALID_POLICY: { status: 422, title: 'A policy is not valid' },
  RESTRICTION_BULK_TOO_LARGE: { status: 413, title: 'Too many persons for one bulk job' },
} as const satisfies ErrorCatalogue<string>;
export type RestrictionErrorCode = keyof typeof RESTRICTION_ERRORS;
