import { aHit, anEntity, aPerson } from '../testing/screening-facts.builder.js';
import { negativeListDeviceRule } from './negative-list-device.js';
import { negativeListPhoneRule } from './negative-list-phone.js';

describe.each([
  { rule: negativeListPhoneRule, role: 'PHONE', matchType: 'EXACT_PHONE', en: 'phone number', zh: '手机号码' },
  { rule: negativeListDeviceRule, role: 'DEVICE', matchType: 'EXACT_DEVICE', en: 'device', zh: '设备' },
] as const)('$rule.code', ({ rule, role, matchType, en, zh }) => {
  const params = rule.defaultParams;
  const hit = aHit({ subjectRole: role, matchType, category: 'FRAUD_PHONE', measures: [] });

  it('does not fire without a hit on the identifier', () => {
    expect(rule.evaluate(aPerson(), params)).toEqual([]);
    expect(rule.evaluate(aPerson({ negativeListHits: [aHit()] }), params)).toEqual([]);
  });

  it('reviews a hit by default, for persons and companies', () => {
    for (const facts of [aPerson({ negativeListHits: [hit] }), anEntity({ negativeListHits: [hit] })]) {
      const [finding] = rule.evaluate(facts, params);
      expect(finding).toMatchObject({ code: rule.code, outcome: 'REVIEW', severity: 'HIGH' });
      expect(finding!.message.en).toContain(en);
      expect(finding!.message.zh).toContain(zh);
      expect(finding!.evidence).toMatchObject({ entryId: 'nl-0001', category: 'FRAUD_PHONE' });
    }
  });

  it('rejects when the category is configured to reject: other category -> REVIEW, that category -> REJECT', () => {
    const tuned = { rejectCategories: ['FRAUD_PHONE'] };
    const other = aHit({ subjectRole: role, matchType, category: 'OTHER' });
    expect(rule.evaluate(aPerson({ negativeListHits: [other] }), tuned)[0]!.outcome).toBe('REVIEW');
    expect(rule.evaluate(aPerson({ negativeListHits: [hit] }), tuned)[0]).toMatchObject({ outcome: 'REJECT', severity: 'CRITICAL' });
  });
});
