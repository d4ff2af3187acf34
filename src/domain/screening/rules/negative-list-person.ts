/**
 * Catches persons the member banks or the police already listed: the applicant, or the legal
 * representative of an applicant company (a listed card seller fronting a shell company).
 * Default: the measure "no new accounts" rejects, as the joint punishment measures require;
 * other listings and fuzzy name hits go to a person (issue 4).
 */
import { defineRule } from '../rule.js';
import { SUBJECT_HIT_PARAM_SPEC, subjectHitFindings, type SubjectHitParams } from './negative-list-support.js';

export type NegativeListPersonParams = SubjectHitParams;

export const negativeListPersonRule = defineRule({
  code: 'NEGATIVE_LIST_PERSON',
  appliesTo: 'ANY',
  defaultParams: { rejectMeasures: ['NO_NEW_ACCOUNTS'], minFuzzyScore: 0 } satisfies NegativeListPersonParams,
  defaultWeight: 60,
  paramSpec: SUBJECT_HIT_PARAM_SPEC,
  evaluate(facts, params: Readonly<NegativeListPersonParams>) {
    if (facts.applicantType === 'PERSON') {
      const own = facts.negativeListHits.filter((h) => h.subjectRole === 'APPLICANT');
      return subjectHitFindings('NEGATIVE_LIST_PERSON', own, params, { en: 'applicant', zh: '申请人' });
    }
    const rep = facts.negativeListHits.filter((h) => h.subjectRole === 'LEGAL_REPRESENTATIVE');
    return subjectHitFindings('NEGATIVE_LIST_PERSON', rep, params, { en: 'legal representative', zh: '法定代表人' });
  },
});
