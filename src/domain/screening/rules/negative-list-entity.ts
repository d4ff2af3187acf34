/**
 * Catches companies listed by USCC (shell companies whose accounts already carried fraud money).
 * Same ladder as for persons: "no new accounts" rejects, other listings and fuzzy name hits go
 * to a person (issue 4).
 */
import { defineRule } from '../rule.js';
import { SUBJECT_HIT_PARAM_SPEC, subjectHitFindings, type SubjectHitParams } from './negative-list-support.js';

export type NegativeListEntityParams = SubjectHitParams;

export const negativeListEntityRule = defineRule({
  code: 'NEGATIVE_LIST_ENTITY',
  appliesTo: 'ENTITY',
  defaultParams: { rejectMeasures: ['NO_NEW_ACCOUNTS'], minFuzzyScore: 0 } satisfies NegativeListEntityParams,
  defaultWeight: 60,
  paramSpec: SUBJECT_HIT_PARAM_SPEC,
  evaluate(facts, params: Readonly<NegativeListEntityParams>) {
    const own = facts.negativeListHits.filter((h) => h.subjectRole === 'APPLICANT');
    return subjectHitFindings('NEGATIVE_LIST_ENTITY', own, params, { en: 'applicant company', zh: '申请企业', nameZh: '名称' });
  },
});
