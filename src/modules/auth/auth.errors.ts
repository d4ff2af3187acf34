export const AUTH_ERROR_CODES = ['UNAUTHENTICATED', 'INVALID_CREDENTIALS', 'FORBIDDEN'] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];
