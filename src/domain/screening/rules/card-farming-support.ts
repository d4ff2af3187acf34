/**
 * Card farming (recruiters bringing people in to open accounts and keeping the cards) shows as
 * one phone, device or address shared by several applicants. The three rules differ only in
 * the identifier and their defaults.
 */
import type { ScreeningFacts } from '../facts.js';
import type { RuleFinding } from '../finding.js';
import { fire } from '../rule.js';
import type { ValidationIssue } from '../params.js';

export interface CardFarmingParams {
  /** Other applicants sharing the identifier in the window at which a person must look. */
  reviewAt: number;
  /** At or above this count the finding is HIGH rather than MEDIUM; null never escalates. */
  highAt: number | null;
}

export const CARD_FARMING_PARAM_SPEC = {
  reviewAt: { type: 'integer', min: 1 },
  highAt: { type: 'integer', min: 1, nullable: true },
} as const;

export function checkCardFarmingParams(p: Readonly<CardFarmingParams>): ValidationIssue[] {
  return p.highAt !== null && p.highAt < p.reviewAt ? [{ path: 'highAt', message: 'must not be below reviewAt' }] : [];
}

export function cardFarmingFindings(
  code: string,
  facts: ScreeningFacts,
  others: number,
  params: Readonly<CardFarmingParams>,
  identifier: { en: string; zh: string },
): RuleFinding[] {
  if (others < params.reviewAt) return [];
  const windowDays = facts.sharedIdentifiers.windowDays;
  const high = params.highAt !== null && others >= params.highAt;
  return [
    fire(code, high ? 'HIGH' : 'MEDIUM', 'REVIEW', {
      en: `The same ${identifier.en} was used by ${others} other applicants in the last ${windowDays} days.`,
      zh: `同一${identifier.zh}近${windowDays}天内被其他${others}名申请人使用。`,
    }, { otherApplicants: others, windowDays, reviewAt: params.reviewAt, highAt: params.highAt }),
  ];
}
