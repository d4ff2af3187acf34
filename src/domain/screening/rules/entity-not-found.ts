/**
 * A company that is not in the market-entity registry may not exist at all (forged business
 * licence). Default REVIEW rather than REJECT: the registry feed can lag a fresh registration by
 * days, and a new company opens its basic account right after registering, so refusing would
 * turn away real companies; staff can check the licence. `outcome` can make it reject.
 */
import { defineRule, fire } from '../rule.js';

export interface EntityNotFoundParams {
  outcome: 'REVIEW' | 'REJECT';
}

export const entityNotFoundRule = defineRule({
  code: 'ENTITY_NOT_FOUND',
  appliesTo: 'ENTITY',
  defaultParams: { outcome: 'REVIEW' } as EntityNotFoundParams,
  defaultWeight: 40,
  paramSpec: { outcome: { type: 'enum', values: ['REVIEW', 'REJECT'] } },
  evaluate(facts, params) {
    if (facts.registry !== null) return [];
    return [
      fire('ENTITY_NOT_FOUND', 'HIGH', params.outcome, {
        en: 'The company is not found in the market-entity registry.',
        zh: '市场主体登记信息中未查询到该企业。',
      }, { registryFound: false }),
    ];
  },
});
