/**
 * A company in any status other than active, revoked or deregistered (moved out, suspended,
 * in liquidation) should not normally open accounts, but the reason may be innocent, so a
 * person looks. Revoked and deregistered are ENTITY_REVOKED_OR_DEREGISTERED.
 */
import { defineRule, fire } from '../rule.js';

export type EntityStatusNotActiveParams = Record<never, never>;

export const entityStatusNotActiveRule = defineRule({
  code: 'ENTITY_STATUS_NOT_ACTIVE',
  appliesTo: 'ENTITY',
  defaultParams: {} satisfies EntityStatusNotActiveParams,
  defaultWeight: 40,
  paramSpec: {},
  evaluate(facts) {
    if (facts.registry?.status !== 'OTHER') return [];
    return [
      fire('ENTITY_STATUS_NOT_ACTIVE', 'HIGH', 'REVIEW', {
        en: 'The company is not in active status in the registry (e.g. moved out, suspended or in liquidation).',
        zh: '该企业登记状态非存续（如迁出、停业、清算），需人工复核。',
      }, { status: 'OTHER' }),
    ];
  },
});
