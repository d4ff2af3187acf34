/**
 * Recruiters open accounts for their recruits on their own phone. Default: 2 other applicants
 * (3 people on one device) reviews, as for phones. Our starting point, to be tuned by backtest.
 */
import { defineRule } from '../rule.js';
import {
  CARD_FARMING_PARAM_SPEC,
  cardFarmingFindings,
  checkCardFarmingParams,
  type CardFarmingParams,
} from './card-farming-support.js';

export type CardFarmingDeviceParams = CardFarmingParams;

export const cardFarmingDeviceRule = defineRule({
  code: 'CARD_FARMING_DEVICE',
  appliesTo: 'ANY',
  defaultParams: { reviewAt: 2, highAt: 5 } as CardFarmingDeviceParams,
  defaultWeight: 30,
  paramSpec: CARD_FARMING_PARAM_SPEC,
  checkParams: checkCardFarmingParams,
  evaluate: (facts, params) =>
    cardFarmingFindings('CARD_FARMING_DEVICE', facts, facts.sharedIdentifiers.deviceApplicants, params, { en: 'device', zh: '设备' }),
});
