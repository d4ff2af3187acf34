import type { PersonScreeningFacts } from '../facts.js';
import { anEntity, aPerson } from '../testing/screening-facts.builder.js';
import { elderlyRemoteRule } from './elderly-remote.js';
import { youngRemoteRule } from './young-remote.js';

const remote = (overrides: Partial<PersonScreeningFacts>) =>
  aPerson({ channel: 'MOBILE', householdProvinceCode: '43', branchProvinceCode: '44', ...overrides });

describe('YOUNG_REMOTE', () => {
  const params = youngRemoteRule.defaultParams;
  const fires = (facts: PersonScreeningFacts) => youngRemoteRule.evaluate(facts, params).length === 1;

  it('15 -> nothing, 16 -> REVIEW', () => {
    expect(fires(remote({ ageYears: 15 }))).toBe(false);
    expect(fires(remote({ ageYears: 16 }))).toBe(true);
  });

  it('25 -> REVIEW, 26 -> nothing', () => {
    expect(fires(remote({ ageYears: 25 }))).toBe(true);
    expect(fires(remote({ ageYears: 26 }))).toBe(false);
  });

  it('same province -> nothing, other province -> REVIEW', () => {
    expect(fires(remote({ ageYears: 20, branchProvinceCode: '43' }))).toBe(false);
    expect(fires(remote({ ageYears: 20, branchProvinceCode: '44' }))).toBe(true);
  });

  it('counter -> nothing; mobile, online and agent -> REVIEW', () => {
    expect(fires(remote({ ageYears: 20, channel: 'COUNTER' }))).toBe(false);
    for (const channel of ['MOBILE', 'ONLINE', 'AGENT'] as const) expect(fires(remote({ ageYears: 20, channel }))).toBe(true);
  });

  it('needs both provinces and the age', () => {
    expect(fires(remote({ ageYears: 20, householdProvinceCode: undefined }))).toBe(false);
    expect(fires(remote({ ageYears: 20, branchProvinceCode: undefined }))).toBe(false);
    expect(fires(remote({ ageYears: undefined }))).toBe(false);
    expect(youngRemoteRule.evaluate(anEntity({ channel: 'MOBILE' }), params)).toEqual([]);
  });

  it('names the provinces and channel in both languages', () => {
    const [finding] = youngRemoteRule.evaluate(remote({ ageYears: 19 }), params);
    expect(finding).toMatchObject({ outcome: 'REVIEW', severity: 'MEDIUM' });
    expect(finding!.message.en).toBe(
      'A young applicant aged 19 is opening an account through the mobile channel in Guangdong (44), outside the household-registration province Hunan (43).',
    );
    expect(finding!.message.zh).toBe('青年申请人（19周岁）通过手机银行在广东（44）开户，与户籍所在省份湖南（43）不一致。');
  });

  it('refuses maxAge below minAge', () => {
    expect(youngRemoteRule.checkParams({ ...params, minAge: 30, maxAge: 20 })).toHaveLength(1);
  });

  it('follows configured channels', () => {
    expect(youngRemoteRule.evaluate(remote({ ageYears: 20, channel: 'AGENT' }), { ...params, channels: ['MOBILE'] })).toEqual([]);
  });
});

describe('ELDERLY_REMOTE', () => {
  const params = elderlyRemoteRule.defaultParams;
  const fires = (facts: PersonScreeningFacts) => elderlyRemoteRule.evaluate(facts, params).length === 1;

  it('59 -> nothing, 60 -> REVIEW', () => {
    expect(fires(remote({ ageYears: 59 }))).toBe(false);
    expect(fires(remote({ ageYears: 60 }))).toBe(true);
  });

  it('counter or home province -> nothing', () => {
    expect(fires(remote({ ageYears: 70, channel: 'COUNTER' }))).toBe(false);
    expect(fires(remote({ ageYears: 70, branchProvinceCode: '43' }))).toBe(false);
  });

  it('speaks of an elderly applicant', () => {
    const [finding] = elderlyRemoteRule.evaluate(remote({ ageYears: 72, channel: 'ONLINE' }), params);
    expect(finding!.message.en).toMatch(/^An elderly applicant aged 72 .* online channel/);
    expect(finding!.message.zh).toMatch(/^老年申请人（72周岁）通过网上银行/);
  });
});
