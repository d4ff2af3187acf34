import type { ErrorCatalogue } from '../../common/errors/error-description.js';

/**
 * Codes of the transfers module. The event codes (INVALID_*) normally appear per event in a
 * batch result or in a DLQ header; they are declared here so that one raised on its own maps
 * to a problem response too.
 */
export const TRANSFER_ERRORS = {
  INVALID_TRANSFER_EVENT: { status: 422, title: 'The transfer event is not valid' },
  INVALID_AMOUNT: { status: 422, title: 'The amount is not a valid decimal CNY amount' },
  INVALID_OCCURRED_AT: { status: 422, title: 'The event time is not ISO 8601 with an offset' },
  TRANSFER_NOT_YOURS: { status: 403, title: 'Neither account of the event is held by your institution' },
} as const satisfies ErrorCatalogue<string>;
export type TransferErrorCode = keyof typeof TRANSFER_ERRORS;
