import type { ErrorCatalogue } from './error-description.js';

/** Error codes raised by the HTTP layer itself, shared by every module. */
export const COMMON_ERRORS = {
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  INVALID_IDENTIFIER: { status: 422, title: 'An identifier is not valid' },
  MALFORMED_JSON: { status: 400, title: 'The body is not well-formed JSON' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The content type is not supported' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, title: 'The idempotency key was used with a different request' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, title: 'A request with this idempotency key is still being processed' },
  INVALID_IDEMPOTENCY_KEY: { status: 400, title: 'The idempotency key is not valid' },
  CONFLICT: { status: 409, title: 'Conflict' },
  BAD_REQUEST: { status: 400, title: 'Bad request' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'Service unavailable' },
  INTERNAL_ERROR: { status: 500, title: 'Internal error' },
} as const satisfies ErrorCatalogue<string>;
export type CommonErrorCode = keyof typeof COMMON_ERRORS;
