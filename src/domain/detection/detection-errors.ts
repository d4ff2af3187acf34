/**
 * Error codes raised by the detection domain. The transfers module maps them to HTTP problems
 * (all are client errors: the event or the parameters are wrong, the service is fine).
 */
export const DETECTION_ERROR_CODES = [
  /** An amount string that is not a non-negative decimal with at most two decimals. */
  'INVALID_AMOUNT',
  /** A timestamp that is not ISO 8601 with an explicit offset, or not a real instant. */
  'INVALID_OCCURRED_AT',
  /** Any other structural problem of a transfer event; details.field names the field. */
  'INVALID_TRANSFER_EVENT',
  /** Detection parameters that cannot work together (for example an idle TTL shorter than a window). */
  'INVALID_DETECTION_PARAMS',
] as const;

export type DetectionErrorCode = (typeof DETECTION_ERROR_CODES)[number];
