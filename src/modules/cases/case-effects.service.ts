import { Injectable } from '@nestjs/common';
import type { RestrictionLevel } from '../../domain/restrictions/ladder.js';
import { DomainError } from '../../domain/domain-error.js';
import type { CaseSubjectType } from './cases.types.js';
import type { Actor } from './cases.service.js';

export interface EffectContext {
  caseId: string;
  decisionId: string;
  institutionId: string;
  subject: { type: CaseSubjectType; key: string; display: string };
  reason: string;
  decidedBy: Actor;
  /** The supervisor who approved, for decisions that needed four eyes. */
  approvedBy: Actor | null;
}

export interface RestrictEffect {
  level: RestrictionLevel;
  expiresAt: Date | null;
}

export interface ListingEffect {
  category: string;
  fraudType: string | null;
  measures: string[];
  expiresAt: Date | null;
  /** The raw identifier, given by the analyst and checked against the subject's blind index. */
  identifier: { idNumber?: string; uscc?: string } | null;
}

export interface RestrictOutcome {
  orderIds: string[];
  level: RestrictionLevel;
  status: string;
}

export interface ListingOutcome {
  entryId: string;
  status: string;
}

/**
 * Carries out decisions in the modules that own the measures: restriction orders and
 * negative-list entries. Kept apart from the decision workflow so the workflow reads the same
 * whichever module answers.
 */
@Injectable()
export class CaseEffectsService {
  async restrict(_ctx: EffectContext, _e: RestrictEffect): Promise<RestrictOutcome> {
    throw new DomainError('CASE_EFFECT_UNAVAILABLE', 'Restriction orders are not available in this build.');
  }

  async addToNegativeList(_ctx: EffectContext, _e: ListingEffect): Promise<ListingOutcome> {
    throw new DomainError('CASE_EFFECT_UNAVAILABLE', 'The negative list is not available in this build.');
  }
}
