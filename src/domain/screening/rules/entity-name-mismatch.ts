/**
 * A USCC presented with a name that is neither the registered name nor a former name: a
 * borrowed or forged licence. Always REVIEW: the difference may be a typo staff can clear.
 */
import { defineRule, fire } from '../rule.js';

export type EntityNameMismatchParams = Record<never, never>;

export const entityNameMismatchRule = defineRule({
  code: 'ENTITY_NAME_MISMATCH',
  appliesTo: 'ENTITY',
  defaultParams: {} satisfies EntityNameMismatchParams,
  defaultWeight: 40,
  paramSpec: {},
  evaluate(facts) {
    if (facts.registry === null || facts.registry.nameMatches) return [];
    return [
      fire('ENTITY_NAME_MISMATCH', 'HIGH', 'REVIEW', {
        en: 'The company name differs from the registered name and its former names.',
        zh: '申请企业名称与登记名称及曾用名均不一致。',
      }, { nameMatches: false }),
    ];
  },
});
