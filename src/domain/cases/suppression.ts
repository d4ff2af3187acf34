/**
 * Suppressing a finding after a FALSE_POSITIVE decision: the same rule or detector on the same
 * subject stops filling the queue for a chosen period. The period is capped at 180 days so that a
 * subject whose behaviour changes is looked at again within half a year.
 */
import { DomainError } from '../domain-error.js';

export const MAX_SUPPRESSION_DAYS = 180;

export interface SuppressionWindow {
  readonly from: Date;
  readonly until: Date;
}

/** @throws DomainError CASE_SUPPRESSION_INVALID for a period outside 1..180 days or an empty reason. */
export function suppressionWindow(days: number, reason: string, now: Date): SuppressionWindow {
  if (!Number.isInteger(days) || days < 1 || days > MAX_SUPPRESSION_DAYS) {
    throw new DomainError('CASE_SUPPRESSION_INVALID', `A suppression lasts 1 to ${MAX_SUPPRESSION_DAYS} days.`, { days });
  }
  if (reason.trim().length === 0) throw new DomainError('CASE_SUPPRESSION_INVALID', 'A suppression needs a reason.');
  return { from: now, until: new Date(now.getTime() + days * 86_400_000) };
}

export interface ActiveSuppression {
  readonly findingCode: string;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
}

export function isSuppressionActive(s: ActiveSuppression, now: Date): boolean {
  return s.revokedAt === null && s.expiresAt.getTime() > now.getTime();
}

/**
 * Splits an item's finding codes into those a suppression covers and those it does not. An item
 * is kept out of the queue only when every finding is covered: one fresh finding is reason
 * enough to look again. Items without finding codes (manual referrals) are never suppressed.
 */
export function splitSuppressed(findingCodes: readonly string[], active: readonly ActiveSuppression[], now: Date): { suppressed: string[]; open: string[] } {
  const covered = new Set(active.filter((s) => isSuppressionActive(s, now)).map((s) => s.findingCode));
  const suppressed: string[] = [];
  const open: string[] = [];
  for (const c of findingCodes) (covered.has(c) ? suppressed : open).push(c);
  return { suppressed, open };
}

export function fullySuppressed(findingCodes: readonly string[], active: readonly ActiveSuppression[], now: Date): boolean {
  if (findingCodes.length === 0) return false;
  return splitSuppressed(findingCodes, active, now).open.length === 0;
}
