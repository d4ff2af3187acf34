import {
  CHANNELS,
  LEVELS,
  MEASURES,
  compareLevels,
  isChannel,
  isCounterChannel,
  isDirection,
  isExemptPurpose,
  isRestrictionLevel,
  isRestrictionMeasure,
  levelRank,
  mostSevere,
  requiresFourEyes,
  type RestrictionLevel,
} from './ladder.js';

describe('the ladder', () => {
  it('orders levels from mild to severe', () => {
    expect(LEVELS).toEqual(['ENHANCED_MONITORING', 'LIMITED_NON_COUNTER', 'NON_COUNTER_SUSPENDED', 'RECEIVE_ONLY', 'FROZEN']);
    for (let i = 1; i < LEVELS.length; i++) {
      expect(compareLevels(LEVELS[i - 1]!, LEVELS[i]!)).toBeLessThan(0);
      expect(compareLevels(LEVELS[i]!, LEVELS[i - 1]!)).toBeGreaterThan(0);
    }
    expect(compareLevels('FROZEN', 'FROZEN')).toBe(0);
    expect(compareLevels(null, 'ENHANCED_MONITORING')).toBeLessThan(0);
    expect(levelRank(null)).toBe(-1);
    expect(levelRank('FROZEN')).toBe(4);
  });

  it('finds the most severe level, ignoring nulls', () => {
    expect(mostSevere([])).toBeNull();
    expect(mostSevere([null, null])).toBeNull();
    expect(mostSevere(['RECEIVE_ONLY', null, 'ENHANCED_MONITORING', 'LIMITED_NON_COUNTER'])).toBe('RECEIVE_ONLY');
    expect(mostSevere(new Set<RestrictionLevel>(['FROZEN', 'ENHANCED_MONITORING']))).toBe('FROZEN');
  });

  it.each<[RestrictionLevel | 'NO_NEW_ACCOUNTS', boolean]>([
    ['ENHANCED_MONITORING', false],
    ['LIMITED_NON_COUNTER', false],
    ['NON_COUNTER_SUSPENDED', true],
    ['RECEIVE_ONLY', true],
    ['FROZEN', true],
    ['NO_NEW_ACCOUNTS', true],
  ])('four eyes for %s: %s', (measure, expected) => {
    expect(requiresFourEyes(measure)).toBe(expected);
  });

  it('recognises its vocabulary', () => {
    expect(LEVELS.every(isRestrictionLevel)).toBe(true);
    expect(isRestrictionLevel('NO_NEW_ACCOUNTS')).toBe(false);
    expect(isRestrictionLevel('frozen')).toBe(false);
    expect(isRestrictionLevel(undefined)).toBe(false);
    expect(MEASURES.every(isRestrictionMeasure)).toBe(true);
    expect(CHANNELS.every(isChannel)).toBe(true);
    expect(isChannel('BRANCH')).toBe(false);
    expect(isDirection('IN') && isDirection('OUT')).toBe(true);
    expect(isDirection('in')).toBe(false);
    expect(CHANNELS.filter(isCounterChannel)).toEqual(['COUNTER']);
    expect(['TAX', 'SOCIAL_SECURITY', 'UTILITY'].every(isExemptPurpose)).toBe(true);
    expect(isExemptPurpose('SALARY')).toBe(false);
    expect(isExemptPurpose(undefined)).toBe(false);
  });
});
