/**
 * The term of a negative-list entry. Where the contributor gives no expiry, the joint punishment
 * measures for telecom-fraud-related crime (联合惩戒办法, in force 2024-12-01) set it: 3 years for
 * convicted persons, 2 years for persons designated for selling, renting or lending cards or
 * accounts; a new listing of a person already listed chains on at the end of the current term,
 * and a consecutive run never passes 5 years. The arithmetic itself lives in
 * src/domain/restrictions/terms.ts; this file decides which rule applies to which entry.
 *
 * Other categories (suspects, mules, phones, devices, case accounts) have no statutory term: with
 * no expiry given they stay listed until revoked.
 */
import { DomainError } from '../domain-error.js';
import {
  addTermYears,
  chainTerm,
  consecutiveRuns,
  JOINT_PUNISHMENT_CAP_YEARS,
  JOINT_PUNISHMENT_YEARS,
  type JointPunishmentKind,
  type Term,
} from '../restrictions/terms.js';
import type { EntryCategory, SubjectType, TermBasis } from './taxonomy.js';

export interface ResolvedTerm {
  readonly from: Date;
  /** null: open-ended, listed until revoked. */
  readonly to: Date | null;
  readonly basis: TermBasis;
  /** The term was moved to start where the person's current term ends. */
  readonly chained: boolean;
  /** The 5-year cap shortened the statutory term. */
  readonly clipped: boolean;
}

/** Categories under the joint punishment measures, for person entries. */
export const STATUTORY_CATEGORIES: readonly EntryCategory[] = ['CONVICTED_FRAUDSTER', 'ACCOUNT_SELLER'];

export function statutoryKind(subjectType: SubjectType, category: EntryCategory): JointPunishmentKind | null {
  if (subjectType !== 'PERSON') return null;
  if (category === 'CONVICTED_FRAUDSTER') return 'CONVICTED';
  if (category === 'ACCOUNT_SELLER') return 'CARD_SELLER';
  return null;
}

export interface TermRequest {
  readonly subjectType: SubjectType;
  readonly category: EntryCategory;
  readonly requestedFrom: Date;
  /** The contributor's expiry, or null for the statutory term. */
  readonly expiresAt: Date | null;
  /**
   * The person's other statutory terms (same identifier, categories in STATUTORY_CATEGORIES,
   * not revoked, with an expiry), the entry being re-imported left out.
   */
  readonly existing: readonly Term[];
}

/**
 * @throws DomainError NEGATIVE_LIST_TERM_CAP_REACHED when the person's consecutive listing has
 *   reached 5 years (or a given expiry would pass it).
 */
export function resolveEntryTerm(req: TermRequest): ResolvedTerm {
  const kind = statutoryKind(req.subjectType, req.category);
  if (req.expiresAt !== null) {
    if (kind !== null) {
      const mine: Term = { from: req.requestedFrom, to: req.expiresAt };
      const run = consecutiveRuns([...req.existing, mine]).find(
        (r) => r.from.getTime() <= mine.from.getTime() && mine.from.getTime() <= r.to.getTime(),
      )!;
      const capEnd = addTermYears(run.from, JOINT_PUNISHMENT_CAP_YEARS);
      if (run.to.getTime() > capEnd.getTime()) {
        throw new DomainError('NEGATIVE_LIST_TERM_CAP_REACHED', `consecutive listing under the joint punishment measures may not pass ${JOINT_PUNISHMENT_CAP_YEARS} years (until ${capEnd.toISOString()})`, {
          runStart: run.from.toISOString(),
          capEnd: capEnd.toISOString(),
        });
      }
    }
    return { from: req.requestedFrom, to: req.expiresAt, basis: 'GIVEN', chained: false, clipped: false };
  }
  if (kind === null) return { from: req.requestedFrom, to: null, basis: 'OPEN_ENDED', chained: false, clipped: false };
  const result = chainTerm({ existing: req.existing, requestedFrom: req.requestedFrom, requestedYears: JOINT_PUNISHMENT_YEARS[kind] });
  if (!result.ok) {
    throw new DomainError('NEGATIVE_LIST_TERM_CAP_REACHED', `the person has been listed for ${JOINT_PUNISHMENT_CAP_YEARS} consecutive years (until ${result.capEnd.toISOString()}); a further listing cannot chain on`, {
      runStart: result.runStart.toISOString(),
      capEnd: result.capEnd.toISOString(),
    });
  }
  return {
    from: result.from,
    to: result.to,
    basis: kind === 'CONVICTED' ? 'JOINT_PUNISHMENT_CONVICTED' : 'JOINT_PUNISHMENT_CARD_SELLER',
    chained: result.from.getTime() !== req.requestedFrom.getTime(),
    clipped: result.clipped,
  };
}
