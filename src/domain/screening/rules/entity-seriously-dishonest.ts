/**
 * A company on the serious illegal and dishonest list (严重违法失信名单) has been punished for
 * serious violations, typically after years on the abnormal-operations list. Default REVIEW,
 * HIGH: the listing restricts the company but does not by itself forbid a bank account.
 */
import { defineRule, fire } from '../rule.js';

export interface EntitySeriouslyDishonestParams {
  outcome: 'SCORE_ONLY' | 'REVIEW' | 'REJECT';
}

export const entitySeriouslyDishonestRule = defineRule({
  code: 'ENTITY_SERIOUSLY_DISHONEST',
  appliesTo: 'ENTITY',
  defaultParams: { outcome: 'REVIEW' } as EntitySeriouslyDishonestParams,
  defaultWeight: 60,
  paramSpec: { outcome: { type: 'enum', values: ['SCORE_ONLY', 'REVIEW', 'REJECT'] } },
  evaluate(facts, params) {
    if (facts.registry === null || !facts.registry.seriousDishonest) return [];
    return [
      fire('ENTITY_SERIOUSLY_DISHONEST', 'HIGH', params.outcome, {
        en: 'The company is on the serious illegal and dishonest list.',
        zh: '该企业被列入严重违法失信名单。',
      }, { seriousDishonest: true }),
    ];
  },
});
