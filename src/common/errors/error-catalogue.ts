import { AUTH_ERRORS } from '../../modules/auth/auth.errors.js';
import { BULK_IMPORT_ERRORS } from '../bulk-import/bulk-import.errors.js';
import { NEGATIVE_LIST_ERRORS } from '../../modules/negative-list/negative-list.errors.js';
import { REGISTRY_ERRORS } from '../../modules/registry/registry.errors.js';
import { CASE_ERRORS } from '../../modules/cases/cases.errors.js';
import { STATS_ERRORS } from '../../modules/stats/stats.errors.js';
import { INSTITUTION_ERRORS } from '../../modules/institutions/institutions.errors.js';
import { ALERT_ERRORS } from '../../modules/alerts/alerts.errors.js';
import { TRANSFER_ERRORS } from '../../modules/transfers/transfers.errors.js';
import { RESTRICTION_ERRORS } from '../../modules/restrictions/restrictions.errors.js';
import { WEBHOOK_ERRORS } from '../../modules/webhooks/webhooks.errors.js';
import { OPENINGS_ERRORS } from '../../modules/openings/openings.errors.js';
import { REVIEW_ITEM_ERRORS } from '../../modules/review-items/review-items.errors.js';
import { SCREENING_ERRORS } from '../../modules/screening/screening.errors.js';
import { COMMON_ERRORS } from './common.errors.js';
import type { ErrorDescription } from './error-description.js';

/**
 * Every error code the service can answer with, merged from each module's catalogue. A code
 * is declared together with its status and title, so an unmapped code cannot exist.
 */
const CATALOGUE = {
  ...COMMON_ERRORS,
  ...AUTH_ERRORS,
  ...CASE_ERRORS,
  ...STATS_ERRORS,
  ...INSTITUTION_ERRORS,
  ...ALERT_ERRORS,
  ...TRANSFER_ERRORS,
  ...SCREENING_ERRORS,
  ...REVIEW_ITEM_ERRORS,
  ...OPENINGS_ERRORS,
  ...BULK_IMPORT_ERRORS,
  ...NEGATIVE_LIST_ERRORS,
  ...RESTRICTION_ERRORS,
  ...WEBHOOK_ERRORS,
  ...REGISTRY_ERRORS,
} as const;

export type ErrorCode = keyof typeof CATALOGUE;
export type { ErrorDescription };

export function describeError(code: ErrorCode): ErrorDescription {
  return CATALOGUE[code];
}

export function isKnownErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(CATALOGUE, code);
}
