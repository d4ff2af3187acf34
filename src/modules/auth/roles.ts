export const ROLES = ['BRANCH_SYSTEM', 'ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR'] as const;
export type Role = (typeof ROLES)[number];

/** Roles a staff user may hold; BRANCH_SYSTEM belongs to API keys only. */
export const STAFF_ROLES = ['ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR'] as const satisfies readonly Role[];

/** Scopes an API key may carry. A key with no listed scope for a route is refused. */
export const API_KEY_SCOPES = [
  'screening',
  'openings',
  'negative-list:read',
  'negative-list:write',
  'registry:read',
  'registry:write',
  'transfers',
  'restrictions:check',
  'restrictions:write',
  'accounts:load',
  'diagnostics',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
