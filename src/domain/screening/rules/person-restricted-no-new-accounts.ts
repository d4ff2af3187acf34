/**
 * Enforces an active person-level restriction order (联合惩戒: "may not open new accounts")
 * issued after a designation for selling or lending accounts. No threshold: the order itself is
 * the decision, so it always rejects.
 */
import { defineRule } from '../rule.js';

export type PersonRestrictedParams = Record<never, never>;

export const personRestrictedNoNewAccountsRule = defineRule({
  code: 'PERSON_RESTRICTED_NO_NEW_ACCOUNTS',
  appliesTo: 'PERSON',
  defaultParams: {} satisfies PersonRestrictedParams,
  defaultWeight: 100,
  paramSpec: {},
  evaluate(facts) {
    const order = facts.personRestriction;
    if (order === undefined || order === null) return [];
    return [
      {
        code: 'PERSON_RESTRICTED_NO_NEW_ACCOUNTS',
        severity: 'CRITICAL',
        outcome: 'REJECT',
        message: {
          en: `An active restriction order (${order.orderId}) forbids this person from opening new accounts.`,
          zh: `该人员存在生效的限制措施（编号${order.orderId}），不得新开账户。`,
        },
        evidence: { orderId: order.orderId, level: order.level },
      },
    ];
  },
});
