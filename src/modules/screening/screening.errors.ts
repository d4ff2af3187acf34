import type { ErrorCatalogue } from '../../common/errors/error-description.js';

export const SCREENING_ERRORS = {
  SCREENING_NOT_FOUND: { status: 404, title: 'Screening not found' },
  SCREENING_SOURCE_UNAVAILABLE: { status: 503, title: 'A source the screening needs is not available' },
  RULE_SET_NOT_FOUND: { status: 404, title: 'Rule set version not found' },
  RULE_SET_VERSION_EXISTS: { status: 409, title: 'The rule set version exists; versions are immutable' },
  INVALID_RULE_SET: { status: 422, title: 'The rule set is not valid' },
  INVALID_SCREENING_FACTS: { status: 500, title: 'Stored screening facts are not valid' },
} as const satisfies ErrorCatalogue<string>;
export type ScreeningErrorCode = keyof typeof SCREENING_ERRORS;
