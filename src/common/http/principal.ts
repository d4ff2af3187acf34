import type { InstitutionKind } from '../../modules/institutions/institution.entity.js';
import type { Role } from '../../modules/auth/roles.js';

/** Who is calling: a staff user (JWT) or a branch system (API key). */
export interface Principal {
  kind: 'USER' | 'API_KEY';
  id: string;
  /** Username for users, key name for API keys; for logs and audit. */
  name: string;
  institutionId: string;
  institutionKind: InstitutionKind;
  roles: readonly Role[];
  scopes: readonly string[];
}

/** The operator and regulators see across institutions; banks see their own. */
export function seesAllInstitutions(p: Principal): boolean {
  return p.institutionKind === 'OPERATOR' || p.institutionKind === 'REGULATOR' || p.institutionKind === 'POLICE';
}

export function isOperatorAdmin(p: Principal): boolean {
  return p.institutionKind === 'OPERATOR' && p.roles.includes('ADMIN');
}
