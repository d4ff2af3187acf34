import type { Principal } from '../../common/http/principal.js';
import type { Actor } from './negative-list.repository.js';

/**
 * Who sees what of an entry. Matching sees every entry in force, whoever contributed it; the
 * contributor's identity, evidence and basis are for the contributor, the operator and regulators.
 */
export function seesProvenance(p: Principal, contributorInstitutionId: string): boolean {
  return p.institutionId === contributorInstitutionId || p.institutionKind === 'OPERATOR' || p.institutionKind === 'REGULATOR';
}

/** Only the contributor or the operator may amend or revoke an entry, or decide an appeal against it. */
export function mayChange(p: Principal, contributorInstitutionId: string): boolean {
  return p.institutionId === contributorInstitutionId || p.institutionKind === 'OPERATOR';
}

/** Operator and regulators see all appeals, non-match marks and imports; others their institution's. */
export function seesAll(p: Principal): boolean {
  return p.institutionKind === 'OPERATOR' || p.institutionKind === 'REGULATOR';
}

export function actorOf(p: Principal): Actor & { institutionId: string } {
  return { type: p.kind, id: p.id, institutionId: p.institutionId };
}
