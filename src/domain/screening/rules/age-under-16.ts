/**
 * Minors cannot open an account on their own: issue 4 sets the line at 16, the age from which
 * the Civil Code (art. 18) treats a person living on their own income as fully capable. Minors'
 * accounts are also a known source of cards sold to fraud rings. Unknown age never fires.
 */
import { defineRule, fire } from '../rule.js';

export interface AgeUnder16Params {
  /** Youngest age (completed years) allowed to open an account. */
  minAge: number;
}

export const ageUnder16Rule = defineRule({
  code: 'AGE_UNDER_16',
  appliesTo: 'PERSON',
  defaultParams: { minAge: 16 } as AgeUnder16Params,
  defaultWeight: 100,
  paramSpec: { minAge: { type: 'integer', min: 0, max: 150 } },
  evaluate(facts, params) {
    const age = facts.ageYears;
    if (age === undefined || age >= params.minAge) return [];
    return [
      fire('AGE_UNDER_16', 'HIGH', 'REJECT', {
        en: `The applicant is ${age}, under the minimum age of ${params.minAge} for opening an account.`,
        zh: `申请人${age}周岁，未满${params.minAge}周岁，不得开立账户。`,
      }, { ageYears: age, minAge: params.minAge }),
    ];
  },
});
