/**
 * Shells are registered in bulk at one address (a rented desk or an agent's office). Default
 * 10 companies at the normalised address, this one included: higher than one might think
 * because business centres and incubators legitimately host many registrations. Our starting
 * point, to be tuned by backtest.
 */
import { defineRule, fire } from '../rule.js';

export interface ManyEntitiesAtAddressParams {
  /** Companies at the same registered address (this one included) at which a person must look. */
  reviewAt: number;
}

export const manyEntitiesAtAddressRule = defineRule({
  code: 'MANY_ENTITIES_AT_ADDRESS',
  appliesTo: 'ENTITY',
  defaultParams: { reviewAt: 10 } as ManyEntitiesAtAddressParams,
  defaultWeight: 20,
  paramSpec: { reviewAt: { type: 'integer', min: 2 } },
  evaluate(facts, params) {
    const count = facts.registry?.addressEntityCount;
    if (count === undefined || count < params.reviewAt) return [];
    return [
      fire('MANY_ENTITIES_AT_ADDRESS', 'MEDIUM', 'REVIEW', {
        en: `${count} companies, this one included, are registered at the same address.`,
        zh: `同一注册地址登记有${count}家企业（含本企业）。`,
      }, { addressEntityCount: count, reviewAt: params.reviewAt }),
    ];
  },
});
