/**
 * An account may only be opened on a valid identity document (real-name rules); expired
 * documents are also how bought or lost IDs resurface. The service decides expiry on the
 * screening date (see calendar.ts: a document is valid through its expiry date).
 */
import { defineRule, fire } from '../rule.js';

export type IdExpiredParams = Record<never, never>;

export const idExpiredRule = defineRule({
  code: 'ID_EXPIRED',
  appliesTo: 'PERSON',
  defaultParams: {} satisfies IdExpiredParams,
  defaultWeight: 100,
  paramSpec: {},
  evaluate(facts) {
    if (!facts.idExpired) return [];
    return [
      fire('ID_EXPIRED', 'HIGH', 'REJECT', {
        en: 'The identity document has expired.',
        zh: '身份证件已超过有效期。',
      }, { idType: facts.idType, idExpired: true }),
    ];
  },
});
