import type { SharedIdentifierFacts } from '../facts.js';
import { anEntity, aPerson } from '../testing/screening-facts.builder.js';
import { cardFarmingAddressRule } from './card-farming-address.js';
import { cardFarmingDeviceRule } from './card-farming-device.js';
import { cardFarmingPhoneRule } from './card-farming-phone.js';

const shared = (field: keyof SharedIdentifierFacts, count: number): SharedIdentifierFacts => ({
  phoneApplicants: 0,
  deviceApplicants: 0,
  addressApplicants: 0,
  windowDays: 30,
  [field]: count,
});

describe.each([
  { rule: cardFarmingPhoneRule, field: 'phoneApplicants', reviewAt: 2, highAt: 5, zh: '同一手机号码近30天内被其他' },
  { rule: cardFarmingDeviceRule, field: 'deviceApplicants', reviewAt: 2, highAt: 5, zh: '同一设备近30天内被其他' },
  { rule: cardFarmingAddressRule, field: 'addressApplicants', reviewAt: 4, highAt: 10, zh: '同一联系地址近30天内被其他' },
] as const)('$rule.code', ({ rule, field, reviewAt, highAt, zh }) => {
  const params = rule.defaultParams;
  const person = (count: number) => aPerson({ sharedIdentifiers: shared(field, count) });

  it('has the documented defaults', () => {
    expect(params).toEqual({ reviewAt, highAt });
  });

  it(`${reviewAt - 1} other applicants -> nothing, ${reviewAt} -> REVIEW (MEDIUM)`, () => {
    expect(rule.evaluate(person(reviewAt - 1), params)).toEqual([]);
    expect(rule.evaluate(person(reviewAt), params)[0]).toMatchObject({ code: rule.code, outcome: 'REVIEW', severity: 'MEDIUM' });
  });

  it(`${highAt - 1} -> MEDIUM, ${highAt} -> HIGH`, () => {
    expect(rule.evaluate(person(highAt - 1), params)[0]!.severity).toBe('MEDIUM');
    expect(rule.evaluate(person(highAt), params)[0]!.severity).toBe('HIGH');
  });

  it('does not look at the other identifiers', () => {
    const others = { phoneApplicants: 99, deviceApplicants: 99, addressApplicants: 99, windowDays: 30, [field]: 0 };
    expect(rule.evaluate(aPerson({ sharedIdentifiers: others }), params)).toEqual([]);
  });

  it('applies to companies too, with counts and window in both languages', () => {
    const [finding] = rule.evaluate(anEntity({ sharedIdentifiers: shared(field, reviewAt) }), params);
    expect(finding!.message.en).toContain(`${reviewAt} other applicants in the last 30 days`);
    expect(finding!.message.zh).toBe(`${zh}${reviewAt}名申请人使用。`);
    expect(finding!.evidence).toEqual({ otherApplicants: reviewAt, windowDays: 30, reviewAt, highAt });
  });

  it('refuses highAt below reviewAt', () => {
    expect(rule.checkParams({ reviewAt: 3, highAt: 2 })).toHaveLength(1);
    expect(rule.checkParams({ reviewAt: 3, highAt: null })).toEqual([]);
  });
});
