import type { ErrorCatalogue } from '../../common/errors/error-description.js';

export const ALERT_ERRORS = {
  ALERT_NOT_FOUND: { status: 404, title: 'Alert not found' },
} as const satisfies ErrorCatalogue<string>;
export type AlertErrorCode = keyof typeof ALERT_ERRORS;
