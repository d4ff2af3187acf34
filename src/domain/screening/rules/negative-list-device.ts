/**
 * Catches applications made from a device already tied to fraud (a recruiter's phone used to
 * open accounts for many people). Default REVIEW: device fingerprints collide (emulators,
 * factory-reset phones, shared family devices), so a hit needs a person's judgement;
 * `rejectCategories` lets an operator harden it.
 */
import { defineRule } from '../rule.js';
import { IDENTIFIER_HIT_PARAM_SPEC, identifierHitFindings, type IdentifierHitParams } from './negative-list-support.js';

export type NegativeListDeviceParams = IdentifierHitParams;

export const negativeListDeviceRule = defineRule({
  code: 'NEGATIVE_LIST_DEVICE',
  appliesTo: 'ANY',
  defaultParams: { rejectCategories: [] as string[] } satisfies NegativeListDeviceParams,
  defaultWeight: 40,
  paramSpec: IDENTIFIER_HIT_PARAM_SPEC,
  evaluate(facts, params: Readonly<NegativeListDeviceParams>) {
    const hits = facts.negativeListHits.filter((h) => h.subjectRole === 'DEVICE');
    return identifierHitFindings('NEGATIVE_LIST_DEVICE', hits, params, { en: 'device', zh: '设备' });
  },
});
