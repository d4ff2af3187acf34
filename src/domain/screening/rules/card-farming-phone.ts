/**
 * Recruiters give their own number for every applicant they bring. Default: 2 other applicants
 * (3 people on one number) reviews; families share numbers, so no less. Our starting point, to
 * be tuned by backtest.
 */
import { defineRule } from '../rule.js';
import {
  CARD_FARMING_PARAM_SPEC,
  cardFarmingFindings,
  checkCardFarmingParams,
  type CardFarmingParams,
} from './card-farming-support.js';

export type CardFarmingPhoneParams = CardFarmingParams;

export const cardFarmingPhoneRule = defineRule({
  code: 'CARD_FARMING_PHONE',
  appliesTo: 'ANY',
  defaultParams: { reviewAt: 2, highAt: 5 } as CardFarmingPhoneParams,
  defaultWeight: 30,
  paramSpec: CARD_FARMING_PARAM_SPEC,
  checkParams: checkCardFarmingParams,
  evaluate: (facts, params) =>
    cardFarmingFindings('CARD_FARMING_PHONE', facts, facts.sharedIdentifiers.phoneApplicants, params, { en: 'phone number', zh: '手机号码' }),
});
