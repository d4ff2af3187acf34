/**
 * Catches one person (or company) opening accounts at several banks within days, the pattern
 * of people who open accounts to sell them. Only a shared platform can see it. Defaults
 * (3 elsewhere in the window -> review, 5 -> reject) are our starting point from the pattern
 * described in DOMAIN.md; tune them with a backtest. The message gives counts, never which
 * institutions.
 */
import type { RuleFinding } from '../finding.js';
import { defineRule, fire } from '../rule.js';

export interface CrossBankVelocityParams {
  /** Openings or applications elsewhere in the window at which a person must look. */
  reviewAt: number;
  /** At or above this count the application is rejected; null never rejects. */
  rejectAt: number | null;
}

export const crossBankVelocityRule = defineRule({
  code: 'CROSS_BANK_VELOCITY',
  appliesTo: 'ANY',
  defaultParams: { reviewAt: 3, rejectAt: 5 } as CrossBankVelocityParams,
  defaultWeight: 35,
  paramSpec: {
    reviewAt: { type: 'integer', min: 1 },
    rejectAt: { type: 'integer', min: 1, nullable: true },
  },
  checkParams: (p) =>
    p.rejectAt !== null && p.rejectAt < p.reviewAt ? [{ path: 'rejectAt', message: 'must not be below reviewAt' }] : [],
  evaluate(facts, params): RuleFinding[] {
    const crossBank = facts.crossBank;
    if (crossBank === undefined) return [];
    const { openedOrAppliedElsewhere: count, windowDays } = crossBank;
    const reject = params.rejectAt !== null && count >= params.rejectAt;
    if (!reject && count < params.reviewAt) return [];
    const id = facts.applicantType === 'PERSON' ? { en: 'ID', zh: '证件' } : { en: 'USCC', zh: '统一社会信用代码' };
    return [
      fire('CROSS_BANK_VELOCITY', reject ? 'HIGH' : 'MEDIUM', reject ? 'REJECT' : 'REVIEW', {
        en: `${count} accounts were opened or applied for with this ${id.en} at other institutions in the last ${windowDays} days.`,
        zh: `该${id.zh}近${windowDays}天内在其他机构已开立或申请开立${count}个账户。`,
      }, { openedOrAppliedElsewhere: count, windowDays, reviewAt: params.reviewAt, rejectAt: params.rejectAt }),
    ];
  },
});
