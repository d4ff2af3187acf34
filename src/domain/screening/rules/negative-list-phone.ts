/**
 * Catches applications that give a phone number already tied to fraud (recruiters often give
 * their own number for every account they farm). Default REVIEW, not REJECT: carriers reassign
 * numbers and families share them, so a phone hit shows a link, not identity. An operator who
 * trusts a category (e.g. FRAUD_PHONE) can make it reject through `rejectCategories`.
 */
import { defineRule } from '../rule.js';
import { IDENTIFIER_HIT_PARAM_SPEC, identifierHitFindings, type IdentifierHitParams } from './negative-list-support.js';

export type NegativeListPhoneParams = IdentifierHitParams;

export const negativeListPhoneRule = defineRule({
  code: 'NEGATIVE_LIST_PHONE',
  appliesTo: 'ANY',
  defaultParams: { rejectCategories: [] as string[] } satisfies NegativeListPhoneParams,
  defaultWeight: 40,
  paramSpec: IDENTIFIER_HIT_PARAM_SPEC,
  evaluate(facts, params: Readonly<NegativeListPhoneParams>) {
    const hits = facts.negativeListHits.filter((h) => h.subjectRole === 'PHONE');
    return identifierHitFindings('NEGATIVE_LIST_PHONE', hits, params, { en: 'phone number', zh: '手机号码' });
  },
});
