import fc from 'fast-check';
import { DomainError } from '../domain-error.js';
import { screen } from './evaluate.js';
import { DEFAULT_RULE_SET } from './rule-set.js';
import { factsArbitrary } from './testing/screening-arbitraries.js';
import { aHit, anEntity, aPerson } from './testing/screening-facts.builder.js';
import { validateScreeningFacts } from './validate-facts.js';

function pathsOf(input: unknown): string[] {
  try {
    validateScreeningFacts(input);
  } catch (error) {
    expect((error as DomainError).code).toBe('INVALID_SCREENING_FACTS');
    return ((error as DomainError).details!.issues as Array<{ path: string }>).map((i) => i.path).sort();
  }
  throw new Error('expected the facts to be refused');
}

const stored = (value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

describe('validateScreeningFacts', () => {
  it('reads back any facts stored as JSON, to the same screening result', () => {
    fc.assert(
      fc.property(factsArbitrary, (facts) => {
        const read = validateScreeningFacts(stored(facts));
        expect(screen(read, DEFAULT_RULE_SET)).toEqual(screen(facts, DEFAULT_RULE_SET));
      }),
      { numRuns: 300 },
    );
  });

  it('reads null age and provinces as unknown', () => {
    const read = validateScreeningFacts({ ...stored(aPerson()), ageYears: null, householdProvinceCode: null });
    expect(read.applicantType === 'PERSON' && read.ageYears).toBeUndefined();
    expect('householdProvinceCode' in read).toBe(false);
  });

  it('reports every problem by path', () => {
    expect(pathsOf(null)).toEqual(['$']);
    expect(pathsOf({ ...stored(aPerson()), applicantType: 'ROBOT' })).toContain('applicantType');
    expect(
      pathsOf({
        ...stored(aPerson()),
        channel: 'FAX',
        ageYears: -1,
        householdProvinceCode: '4',
        extra: true,
        negativeListHits: [{ ...aHit(), score: 2, measures: 'NO_NEW_ACCOUNTS' }],
        crossBank: { openedOrAppliedElsewhere: 1.5, windowDays: 0 },
      }),
    ).toEqual([
      '$.extra',
      'ageYears',
      'channel',
      'crossBank.openedOrAppliedElsewhere',
      'crossBank.windowDays',
      'householdProvinceCode',
      'negativeListHits[0].measures',
      'negativeListHits[0].score',
    ]);
    expect(pathsOf({ ...stored(anEntity()), registry: { found: false } })).toEqual(
      expect.arrayContaining(['registry.found', 'registry.status', 'registry.ageDays']),
    );
    expect(pathsOf({ ...stored(anEntity()), idExpired: true })).toEqual(['$.idExpired']);
  });
});
