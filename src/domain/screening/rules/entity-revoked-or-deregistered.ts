/**
 * A revoked (吊销) or deregistered (注销) company no longer exists as a business and cannot hold
 * a new account; shells are often used after they die. No parameter: the status decides.
 */
import { labels } from '../labels.js';
import { defineRule, fire } from '../rule.js';

export type EntityRevokedOrDeregisteredParams = Record<never, never>;

export const entityRevokedOrDeregisteredRule = defineRule({
  code: 'ENTITY_REVOKED_OR_DEREGISTERED',
  appliesTo: 'ENTITY',
  defaultParams: {} satisfies EntityRevokedOrDeregisteredParams,
  defaultWeight: 100,
  paramSpec: {},
  evaluate(facts) {
    const status = facts.registry?.status;
    if (status !== 'REVOKED' && status !== 'DEREGISTERED') return [];
    const label = labels.entityStatus(status);
    return [
      fire('ENTITY_REVOKED_OR_DEREGISTERED', 'CRITICAL', 'REJECT', {
        en: `The company's registration status is ${label.en}; it cannot open accounts.`,
        zh: `该企业登记状态为${label.zh}，不得开立账户。`,
      }, { status }),
    ];
  },
});
