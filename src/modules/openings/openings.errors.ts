import type { ErrorCatalogue } from '../../common/errors/error-description.js';

export const OPENINGS_ERRORS = {
  ACCOUNT_NOT_FOUND: { status: 404, title: 'Account not found' },
  ACCOUNT_OWNED_ELSEWHERE: { status: 409, title: 'The account is registered by another institution' },
  OPENING_SCREENING_INVALID: { status: 422, title: 'The screening named does not fit this opening' },
  SECOND_VERIFICATION_NOT_FOUND: { status: 404, title: 'Second verification not found' },
  RESCREEN_JOB_NOT_FOUND: { status: 404, title: 'Rescreen job not found' },
  RESCREEN_REPORT_NOT_READY: { status: 409, title: 'The rescreen job has not completed; its reports are not ready' },
} as const satisfies ErrorCatalogue<string>;
export type OpeningsErrorCode = keyof typeof OPENINGS_ERRORS;
