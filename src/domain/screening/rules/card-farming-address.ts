/**
 * Farmed applicants are often given one contact address. Default higher than for phones
 * (4 others, 5 people) because households and dormitories legitimately share an address.
 * Our starting point, to be tuned by backtest.
 */
import { defineRule } from '../rule.js';
import {
  CARD_FARMING_PARAM_SPEC,
  cardFarmingFindings,
  checkCardFarmingParams,
  type CardFarmingParams,
} from './card-farming-support.js';

export type CardFarmingAddressParams = CardFarmingParams;

export const cardFarmingAddressRule = defineRule({
  code: 'CARD_FARMING_ADDRESS',
  appliesTo: 'ANY',
  defaultParams: { reviewAt: 4, highAt: 10 } as CardFarmingAddressParams,
  defaultWeight: 20,
  paramSpec: CARD_FARMING_PARAM_SPEC,
  checkParams: checkCardFarmingParams,
  evaluate: (facts, params) =>
    cardFarmingFindings('CARD_FARMING_ADDRESS', facts, facts.sharedIdentifiers.addressApplicants, params, { en: 'address', zh: '联系地址' }),
});
