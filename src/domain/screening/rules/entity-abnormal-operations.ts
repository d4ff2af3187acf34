/**
 * A company on the abnormal-operations list (经营异常名录: cannot be reached at its address,
 * no annual report) is a classic shell signal. Default REVIEW, MEDIUM: many small companies are
 * listed merely for a late annual report.
 */
import { defineRule, fire } from '../rule.js';

export interface EntityAbnormalOperationsParams {
  outcome: 'SCORE_ONLY' | 'REVIEW' | 'REJECT';
}

export const entityAbnormalOperationsRule = defineRule({
  code: 'ENTITY_ABNORMAL_OPERATIONS',
  appliesTo: 'ENTITY',
  defaultParams: { outcome: 'REVIEW' } as EntityAbnormalOperationsParams,
  defaultWeight: 30,
  paramSpec: { outcome: { type: 'enum', values: ['SCORE_ONLY', 'REVIEW', 'REJECT'] } },
  evaluate(facts, params) {
    if (facts.registry === null || !facts.registry.abnormalOperations) return [];
    return [
      fire('ENTITY_ABNORMAL_OPERATIONS', 'MEDIUM', params.outcome, {
        en: 'The company is on the abnormal-operations list.',
        zh: '该企业被列入经营异常名录。',
      }, { abnormalOperations: true }),
    ];
  },
});
