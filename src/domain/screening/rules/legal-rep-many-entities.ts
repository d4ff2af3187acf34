/**
 * A legal representative who fronts many companies is typically a paid nominee (挂名法人)
 * for shells. Default: 5 companies, this one included; our starting point from the shell
 * pattern in DOMAIN.md, to be tuned by backtest (group companies share directors too).
 */
import { defineRule, fire } from '../rule.js';

export interface LegalRepManyEntitiesParams {
  /** Companies represented (this one included) at which a person must look. */
  reviewAt: number;
}

export const legalRepManyEntitiesRule = defineRule({
  code: 'LEGAL_REP_MANY_ENTITIES',
  appliesTo: 'ENTITY',
  defaultParams: { reviewAt: 5 } as LegalRepManyEntitiesParams,
  defaultWeight: 25,
  paramSpec: { reviewAt: { type: 'integer', min: 2 } },
  evaluate(facts, params) {
    const count = facts.registry?.legalRepEntityCount;
    if (count === undefined || count < params.reviewAt) return [];
    return [
      fire('LEGAL_REP_MANY_ENTITIES', 'MEDIUM', 'REVIEW', {
        en: `The legal representative represents ${count} companies, this one included.`,
        zh: `法定代表人共担任${count}家企业（含本企业）的法定代表人。`,
      }, { legalRepEntityCount: count, reviewAt: params.reviewAt }),
    ];
  },
});
