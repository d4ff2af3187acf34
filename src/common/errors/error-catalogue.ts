import { assertUnreachable } from '../../domain/domain-error.js';
import type { AuthErrorCode } from '../../modules/auth/auth.errors.js';
import type { InstitutionErrorCode } from '../../modules/institutions/institutions.errors.js';
import type { CommonErrorCode } from './common.errors.js';

/** Every error code the service can answer with. Adding a code without a status fails to compile. */
export type ErrorCode = CommonErrorCode | AuthErrorCode | InstitutionErrorCode;

export interface ErrorDescription {
  status: number;
  title: string;
}

export function describeError(code: ErrorCode): ErrorDescription {
  switch (code) {
    case 'VALIDATION_FAILED':
      return { status: 400, title: 'The request is not valid' };
    case 'INVALID_IDENTIFIER':
      return { status: 422, title: 'An identifier is not valid' };
    case 'MALFORMED_JSON':
      return { status: 400, title: 'The body is not well-formed JSON' };
    case 'PAYLOAD_TOO_LARGE':
      return { status: 413, title: 'The body is too large' };
    case 'UNSUPPORTED_MEDIA_TYPE':
      return { status: 415, title: 'The content type is not supported' };
    case 'ROUTE_NOT_FOUND':
      return { status: 404, title: 'No such route' };
    case 'NOT_FOUND':
      return { status: 404, title: 'Not found' };
    case 'RATE_LIMITED':
      return { status: 429, title: 'Too many requests' };
    case 'IDEMPOTENCY_KEY_REUSED':
      return { status: 409, title: 'The idempotency key was used with a different request' };
    case 'IDEMPOTENCY_IN_PROGRESS':
      return { status: 409, title: 'A request with this idempotency key is still being processed' };
    case 'INVALID_IDEMPOTENCY_KEY':
      return { status: 400, title: 'The idempotency key is not valid' };
    case 'CONFLICT':
      return { status: 409, title: 'Conflict' };
    case 'BAD_REQUEST':
      return { status: 400, title: 'Bad request' };
    case 'SERVICE_UNAVAILABLE':
      return { status: 503, title: 'Service unavailable' };
    case 'INTERNAL_ERROR':
      return { status: 500, title: 'Internal error' };
    case 'UNAUTHENTICATED':
      return { status: 401, title: 'Authentication is required' };
    case 'INVALID_CREDENTIALS':
      return { status: 401, title: 'The credentials are not valid' };
    case 'FORBIDDEN':
      return { status: 403, title: 'Not allowed' };
    case 'INSTITUTION_NOT_FOUND':
      return { status: 404, title: 'Institution not found' };
    case 'INSTITUTION_CODE_TAKEN':
      return { status: 409, title: 'An institution with this code exists' };
    case 'USER_NOT_FOUND':
      return { status: 404, title: 'User not found' };
    case 'USERNAME_TAKEN':
      return { status: 409, title: 'The username is taken' };
    case 'API_KEY_NOT_FOUND':
      return { status: 404, title: 'API key not found' };
    case 'ROLE_NOT_ALLOWED':
      return { status: 422, title: 'The role cannot be given here' };
    default:
      return assertUnreachable(code);
  }
}

export function isKnownErrorCode(code: string): code is ErrorCode {
  try {
    describeError(code as ErrorCode);
    return true;
  } catch {
    return false;
  }
}
