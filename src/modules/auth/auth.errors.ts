import type { ErrorCatalogue } from '../../common/errors/error-description.js';

export const AUTH_ERRORS = {
  UNAUTHENTICATED: { status: 401, title: 'Authentication is required' },
  INVALID_CREDENTIALS: { status: 401, title: 'The credentials are not valid' },
  FORBIDDEN: { status: 403, title: 'Not allowed' },
} as const satisfies ErrorCatalogue<string>;
export type AuthErrorCode = keyof typeof AUTH_ERRORS;
