import { anEntity, aPerson } from '../testing/screening-facts.builder.js';
import { ageUnder16Rule } from './age-under-16.js';
import { idExpiredRule } from './id-expired.js';

describe('AGE_UNDER_16', () => {
  const params = ageUnder16Rule.defaultParams;

  it('15 -> REJECT, 16 -> nothing', () => {
    const [finding] = ageUnder16Rule.evaluate(aPerson({ ageYears: 15 }), params);
    expect(finding).toMatchObject({ code: 'AGE_UNDER_16', outcome: 'REJECT' });
    expect(finding!.message.en).toContain('15');
    expect(finding!.message.zh).toBe('申请人15周岁，未满16周岁，不得开立账户。');
    expect(ageUnder16Rule.evaluate(aPerson({ ageYears: 16 }), params)).toEqual([]);
  });

  it('does not fire when the age is unknown, nor for companies', () => {
    expect(ageUnder16Rule.evaluate(aPerson({ ageYears: undefined }), params)).toEqual([]);
    expect(ageUnder16Rule.evaluate(anEntity(), params)).toEqual([]);
  });

  it('follows a configured minimum age: 17 with minAge 18 -> REJECT', () => {
    expect(ageUnder16Rule.evaluate(aPerson({ ageYears: 17 }), { minAge: 18 })).toHaveLength(1);
  });
});

describe('ID_EXPIRED', () => {
  it('valid -> nothing, expired -> REJECT', () => {
    expect(idExpiredRule.evaluate(aPerson({ idExpired: false }), {})).toEqual([]);
    const [finding] = idExpiredRule.evaluate(aPerson({ idExpired: true, idType: 'PASSPORT' }), {});
    expect(finding).toMatchObject({ code: 'ID_EXPIRED', outcome: 'REJECT', evidence: { idType: 'PASSPORT' } });
    expect(finding!.message.zh).toBe('身份证件已超过有效期。');
  });
});
