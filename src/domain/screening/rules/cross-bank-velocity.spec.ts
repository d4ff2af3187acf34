import { anEntity, aPerson } from '../testing/screening-facts.builder.js';
import { crossBankVelocityRule as rule } from './cross-bank-velocity.js';

const params = rule.defaultParams;
const elsewhere = (count: number) => aPerson({ crossBank: { openedOrAppliedElsewhere: count, windowDays: 7 } });

describe('CROSS_BANK_VELOCITY', () => {
  it('2 elsewhere -> nothing, 3 -> REVIEW', () => {
    expect(rule.evaluate(elsewhere(2), params)).toEqual([]);
    expect(rule.evaluate(elsewhere(3), params)[0]).toMatchObject({ outcome: 'REVIEW', severity: 'MEDIUM' });
  });

  it('4 elsewhere -> REVIEW, 5 -> REJECT', () => {
    expect(rule.evaluate(elsewhere(4), params)[0]!.outcome).toBe('REVIEW');
    expect(rule.evaluate(elsewhere(5), params)[0]).toMatchObject({ outcome: 'REJECT', severity: 'HIGH' });
  });

  it('never rejects when rejectAt is null', () => {
    expect(rule.evaluate(elsewhere(50), { reviewAt: 3, rejectAt: null })[0]!.outcome).toBe('REVIEW');
  });

  it('gives counts and window in both languages, and never an institution', () => {
    const [finding] = rule.evaluate(elsewhere(3), params);
    expect(finding!.message.en).toBe('3 accounts were opened or applied for with this ID at other institutions in the last 7 days.');
    expect(finding!.message.zh).toBe('该证件近7天内在其他机构已开立或申请开立3个账户。');
    expect(Object.keys(finding!.evidence).sort()).toEqual(['openedOrAppliedElsewhere', 'rejectAt', 'reviewAt', 'windowDays']);
  });

  it('applies to companies when the service counted their openings, speaking of the USCC', () => {
    expect(rule.evaluate(anEntity(), params)).toEqual([]);
    const [finding] = rule.evaluate(anEntity({ crossBank: { openedOrAppliedElsewhere: 3, windowDays: 7 } }), params);
    expect(finding!.message.en).toContain('USCC');
  });

  it('refuses rejectAt below reviewAt', () => {
    expect(rule.checkParams({ reviewAt: 3, rejectAt: 2 })).toEqual([{ path: 'rejectAt', message: expect.any(String) }]);
    expect(rule.checkParams({ reviewAt: 3, rejectAt: 3 })).toEqual([]);
  });
});
