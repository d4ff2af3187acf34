import { anEntity, aPerson } from '../testing/screening-facts.builder.js';
import { personRestrictedNoNewAccountsRule as rule } from './person-restricted-no-new-accounts.js';

describe('PERSON_RESTRICTED_NO_NEW_ACCOUNTS', () => {
  it('does not fire without an order (null or absent)', () => {
    expect(rule.evaluate(aPerson({ personRestriction: null }), {})).toEqual([]);
    const { personRestriction: _omitted, ...withoutField } = aPerson();
    expect(rule.evaluate(withoutField, {})).toEqual([]);
    expect(rule.evaluate(anEntity(), {})).toEqual([]);
  });

  it('rejects with the order id as evidence', () => {
    const facts = aPerson({ personRestriction: { level: 'NO_NEW_ACCOUNTS', orderId: 'RO-42' } });
    const [finding] = rule.evaluate(facts, {});
    expect(finding).toMatchObject({ outcome: 'REJECT', severity: 'CRITICAL', evidence: { orderId: 'RO-42' } });
    expect(finding!.message.en).toContain('RO-42');
    expect(finding!.message.zh).toContain('RO-42');
  });
});
