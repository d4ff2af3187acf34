import fc from 'fast-check';
import type { ScreeningFacts } from './facts.js';
import { severityRank, type Finding } from './finding.js';
import { compareFindings, moreRestrictedClass, screen } from './evaluate.js';
import { DEFAULT_RULE_SET, type RuleSet } from './rule-set.js';
import { aHit, anEntity, aPerson, aRegistry } from './testing/screening-facts.builder.js';
import { factsArbitrary, ruleSetArbitrary } from './testing/screening-arbitraries.js';

function tuned(change: (ruleSet: RuleSet) => void): RuleSet {
  const ruleSet = structuredClone(DEFAULT_RULE_SET) as RuleSet;
  change(ruleSet);
  return ruleSet;
}

const codes = (reasons: Finding[]) => reasons.map((r) => r.code);
const youngRemote = (overrides: Parameters<typeof aPerson>[0] = {}) =>
  aPerson({ ageYears: 20, channel: 'MOBILE', householdProvinceCode: '43', branchProvinceCode: '44', ...overrides });

describe('screen', () => {
  it('passes a clean person with the requested class, and a clean company with no class', () => {
    expect(screen(aPerson({ requestedAccountClass: 'II' }), DEFAULT_RULE_SET)).toEqual({
      decision: 'PASS',
      score: 0,
      recommendedAccountClass: 'II',
      reasons: [],
      ruleSetVersion: '2026.11.1',
    });
    const entity = screen(anEntity(), DEFAULT_RULE_SET);
    expect(entity).toEqual({ decision: 'PASS', score: 0, reasons: [], ruleSetVersion: '2026.11.1' });
    expect('recommendedAccountClass' in entity).toBe(false);
  });

  it('rejects on any REJECT finding, whatever the score', () => {
    const ruleSet = tuned((r) => (r.rules.ID_EXPIRED.weight = 0));
    const result = screen(aPerson({ idExpired: true }), ruleSet);
    expect(result).toMatchObject({ decision: 'REJECT', score: 0, reasons: [{ code: 'ID_EXPIRED', points: 0 }] });
    expect(result.recommendedAccountClass).toBeUndefined();
  });

  it('reviews on any REVIEW finding even below the review cut-off', () => {
    const result = screen(youngRemote(), DEFAULT_RULE_SET);
    expect(result).toMatchObject({ decision: 'REVIEW', score: 20 });
    expect(result.score).toBeLessThan(DEFAULT_RULE_SET.cutoffs.review);
  });

  it('lets SCORE_ONLY findings add points without deciding', () => {
    const young = anEntity({ registry: aRegistry({ ageDays: 10 }) });
    expect(screen(young, DEFAULT_RULE_SET)).toMatchObject({ decision: 'PASS', score: 15, reasons: [{ code: 'ENTITY_NEWLY_ESTABLISHED' }] });
  });

  it('decides by cut-offs: score 39 -> PASS, 40 -> REVIEW, 89 -> REVIEW, 90 -> REJECT', () => {
    const young = anEntity({ registry: aRegistry({ ageDays: 10 }) });
    const at = (weight: number) => screen(young, tuned((r) => (r.rules.ENTITY_NEWLY_ESTABLISHED.weight = weight))).decision;
    expect([at(39), at(40), at(89), at(90)]).toEqual(['PASS', 'REVIEW', 'REVIEW', 'REJECT']);
  });

  it('combines weak signals into a rejection through the score', () => {
    const shell = anEntity({
      registry: aRegistry({ ageDays: 20, legalRepEntityCount: 6, addressEntityCount: 12, abnormalOperations: true }),
    });
    const result = screen(shell, DEFAULT_RULE_SET);
    expect(result.score).toBe(15 + 25 + 20 + 30);
    expect(result.decision).toBe('REJECT');
    expect(result.reasons.every((r) => r.outcome !== 'REJECT')).toBe(true);
  });

  it('caps the score at 100 and counts each rule once', () => {
    const hits = [aHit({ entryId: 'nl-1', measures: [] }), aHit({ entryId: 'nl-2', measures: [] })];
    const one = screen(aPerson({ negativeListHits: hits }), DEFAULT_RULE_SET);
    expect(one.score).toBe(60);
    expect(one.reasons.map((r) => r.points)).toEqual([60, 0]);
    const many = screen(aPerson({ negativeListHits: hits, idExpired: true, ageYears: 12 }), DEFAULT_RULE_SET);
    expect(many.score).toBe(100);
  });

  it('skips disabled rules', () => {
    const ruleSet = tuned((r) => (r.rules.YOUNG_REMOTE.enabled = false));
    expect(screen(youngRemote(), ruleSet)).toMatchObject({ decision: 'PASS', reasons: [] });
  });

  it('orders reasons by severity, then code', () => {
    const facts = aPerson({
      ageYears: 15,
      idExpired: true,
      negativeListHits: [aHit()],
      channel: 'MOBILE',
      householdProvinceCode: '43',
      sharedIdentifiers: { phoneApplicants: 2, deviceApplicants: 0, addressApplicants: 0, windowDays: 30 },
    });
    expect(codes(screen(facts, DEFAULT_RULE_SET).reasons)).toEqual([
      'NEGATIVE_LIST_PERSON', // CRITICAL
      'AGE_UNDER_16', // HIGH
      'ID_EXPIRED', // HIGH
      'CARD_FARMING_PHONE', // MEDIUM
    ]);
  });

  it('puts the rule-set version on the result', () => {
    expect(screen(aPerson(), tuned((r) => (r.version = 'x.1'))).ruleSetVersion).toBe('x.1');
  });

  describe('recommended account class', () => {
    it('REVIEW with mild findings and score <= 25 -> class II (or the stricter requested class)', () => {
      expect(screen(youngRemote(), DEFAULT_RULE_SET).recommendedAccountClass).toBe('II');
      expect(screen(youngRemote({ requestedAccountClass: 'III' }), DEFAULT_RULE_SET).recommendedAccountClass).toBe('III');
    });

    it('score 25 -> II, 26 -> III (class II limit)', () => {
      const at = (weight: number) =>
        screen(youngRemote(), tuned((r) => (r.rules.YOUNG_REMOTE.weight = weight))).recommendedAccountClass;
      expect(at(25)).toBe('II');
      expect(at(26)).toBe('III');
    });

    it('score 60 -> III, 61 -> none (class III limit)', () => {
      const at = (weight: number) =>
        screen(
          youngRemote(),
          tuned((r) => (r.rules.YOUNG_REMOTE.weight = weight)),
        );
      expect(at(60)).toMatchObject({ decision: 'REVIEW', recommendedAccountClass: 'III' });
      expect(at(61).decision).toBe('REVIEW');
      expect(at(61).recommendedAccountClass).toBeUndefined();
    });

    it('a finding above the mild severity -> no class', () => {
      const hit = aHit({ measures: [], subjectRole: 'PHONE', matchType: 'EXACT_PHONE' }); // HIGH
      const result = screen(aPerson({ negativeListHits: [hit] }), DEFAULT_RULE_SET);
      expect(result.decision).toBe('REVIEW');
      expect(result.recommendedAccountClass).toBeUndefined();
      const lenient = tuned((r) => (r.accountClass.mildMaxSeverity = 'HIGH'));
      expect(screen(aPerson({ negativeListHits: [hit] }), lenient).recommendedAccountClass).toBe('III');
    });

    it('REJECT -> no class', () => {
      expect(screen(aPerson({ ageYears: 15 }), DEFAULT_RULE_SET).recommendedAccountClass).toBeUndefined();
    });
  });

  it('moreRestrictedClass picks the more limited class', () => {
    expect(moreRestrictedClass('I', 'II')).toBe('II');
    expect(moreRestrictedClass('III', 'II')).toBe('III');
    expect(moreRestrictedClass('II', 'II')).toBe('II');
  });
});

describe('screen, properties', () => {
  const decisionRank = { PASS: 0, REVIEW: 1, REJECT: 2 } as const;

  it('is replayable: same facts and rule set, even after a JSON round trip, give the same result', () => {
    fc.assert(
      fc.property(factsArbitrary, ruleSetArbitrary, (facts, ruleSet) => {
        const first = screen(facts, ruleSet);
        const stored = JSON.parse(JSON.stringify({ facts, ruleSet })) as { facts: ScreeningFacts; ruleSet: RuleSet };
        const replayed = screen(stored.facts, stored.ruleSet);
        expect(replayed).toEqual(first);
        expect(JSON.stringify(replayed)).toBe(JSON.stringify(first));
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order of negative-list hits', () => {
    fc.assert(
      fc.property(factsArbitrary, ruleSetArbitrary, fc.integer(), (facts, ruleSet, seed) => {
        const hits = [...facts.negativeListHits];
        const shuffled = hits.map((h, i) => ({ h, k: (i * 7919 + seed) % 101 })).sort((a, b) => a.k - b.k).map((x) => x.h);
        expect(screen({ ...facts, negativeListHits: shuffled }, ruleSet)).toEqual(screen(facts, ruleSet));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps its invariants: score, decision floor, cut-offs, ordering, class', () => {
    fc.assert(
      fc.property(factsArbitrary, ruleSetArbitrary, (facts, ruleSet) => {
        const result = screen(facts, ruleSet);
        const points = result.reasons.reduce((sum, r) => sum + r.points, 0);
        expect(Number.isInteger(result.score)).toBe(true);
        expect(result.score).toBe(Math.min(100, points));
        if (result.reasons.some((r) => r.outcome === 'REJECT')) expect(result.decision).toBe('REJECT');
        if (result.reasons.some((r) => r.outcome === 'REVIEW')) expect(result.decision).not.toBe('PASS');
        const byScore = result.score >= ruleSet.cutoffs.reject ? 'REJECT' : result.score >= ruleSet.cutoffs.review ? 'REVIEW' : 'PASS';
        expect(decisionRank[result.decision]).toBeGreaterThanOrEqual(decisionRank[byScore]);
        for (let i = 1; i < result.reasons.length; i += 1) {
          expect(compareFindings(result.reasons[i - 1]!, result.reasons[i]!)).toBeLessThanOrEqual(0);
          expect(severityRank(result.reasons[i - 1]!.severity)).toBeGreaterThanOrEqual(severityRank(result.reasons[i]!.severity));
        }
        for (const reason of result.reasons) {
          expect(ruleSet.rules[reason.code as keyof RuleSet['rules']].enabled).toBe(true);
          expect(reason.message.en.length).toBeGreaterThan(0);
          expect(reason.message.zh.length).toBeGreaterThan(0);
        }
        if (facts.applicantType === 'ENTITY' || result.decision === 'REJECT') {
          expect(result.recommendedAccountClass).toBeUndefined();
        } else if (result.decision === 'PASS') {
          expect(result.recommendedAccountClass).toBe(facts.requestedAccountClass);
        } else if (result.recommendedAccountClass !== undefined) {
          expect(moreRestrictedClass(result.recommendedAccountClass, facts.requestedAccountClass)).toBe(result.recommendedAccountClass);
        }
      }),
      { numRuns: 500 },
    );
  });
});
