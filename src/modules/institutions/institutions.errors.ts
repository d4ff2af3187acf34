import type { ErrorCatalogue } from '../../common/errors/error-description.js';

export const INSTITUTION_ERRORS = {
  INSTITUTION_NOT_FOUND: { status: 404, title: 'Institution not found' },
  INSTITUTION_CODE_TAKEN: { status: 409, title: 'An institution with this code exists' },
  USER_NOT_FOUND: { status: 404, title: 'User not found' },
  USERNAME_TAKEN: { status: 409, title: 'The username is taken' },
  API_KEY_NOT_FOUND: { status: 404, title: 'API key not found' },
  ROLE_NOT_ALLOWED: { status: 422, title: 'The role cannot be given here' },
} as const satisfies ErrorCatalogue<string>;
export type InstitutionErrorCode = keyof typeof INSTITUTION_ERRORS;
