import fc from 'fast-check';
import { BacktestAccumulator, compareDecisions, type BacktestRow } from './backtest.js';
import { DECISIONS, screen } from './evaluate.js';
import { DEFAULT_RULE_SET, type RuleSet } from './rule-set.js';
import { factsArbitrary, ruleSetArbitrary } from './testing/screening-arbitraries.js';
import { aPerson } from './testing/screening-facts.builder.js';

const clean = aPerson();
const velocity = (n: number) => aPerson({ crossBank: { openedOrAppliedElsewhere: n, windowDays: 7 } });

function stricter(): RuleSet {
  const ruleSet = structuredClone(DEFAULT_RULE_SET) as RuleSet;
  ruleSet.version = 'candidate.1';
  ruleSet.rules.CROSS_BANK_VELOCITY.params = { reviewAt: 2, rejectAt: 3 };
  return ruleSet;
}

describe('compareDecisions', () => {
  it('counts old -> new decisions in a full matrix and lists the changed rows', () => {
    const rows: BacktestRow[] = [
      { screeningId: 's1', facts: clean, oldDecision: 'PASS' },
      { screeningId: 's2', facts: velocity(2), oldDecision: 'PASS' },
      { screeningId: 's3', facts: velocity(3), oldDecision: 'REVIEW' },
      { screeningId: 's4', facts: velocity(1), oldDecision: 'PASS' },
    ];
    const result = compareDecisions(rows, stricter());
    expect(result.ruleSetVersion).toBe('candidate.1');
    expect(result.total).toBe(4);
    expect(result.changed).toBe(2);
    expect(result.matrix).toEqual({
      PASS: { PASS: 2, REVIEW: 1, REJECT: 0 },
      REVIEW: { PASS: 0, REVIEW: 0, REJECT: 1 },
      REJECT: { PASS: 0, REVIEW: 0, REJECT: 0 },
    });
    expect(result.examples.map((e) => [e.screeningId, e.old, e.new])).toEqual([
      ['s2', 'PASS', 'REVIEW'],
      ['s3', 'REVIEW', 'REJECT'],
    ]);
    expect(result.examples[1]!.reasons[0]).toMatchObject({ code: 'CROSS_BANK_VELOCITY', outcome: 'REJECT' });
    expect(result.staleWindowRows).toBe(0);
  });

  it('caps examples at 20 and shows every kind of change before repeating one', () => {
    const rows: BacktestRow[] = [];
    for (let i = 0; i < 50; i += 1) rows.push({ screeningId: `common-${i}`, facts: velocity(2), oldDecision: 'PASS' });
    rows.push({ screeningId: 'rare', facts: clean, oldDecision: 'REJECT' });
    const result = compareDecisions(rows, stricter());
    expect(result.changed).toBe(51);
    expect(result.examples).toHaveLength(20);
    expect(result.examples.map((e) => e.screeningId)).toContain('rare');
    expect(result.examples.at(-1)!.screeningId).toBe('rare'); // input order kept
    expect(compareDecisions(rows, stricter(), { maxExamples: 3 }).examples).toHaveLength(3);
  });

  it('changes nothing when the candidate equals the rule set the rows were decided with', () => {
    fc.assert(
      fc.property(fc.array(factsArbitrary, { maxLength: 30 }), ruleSetArbitrary, (facts, ruleSet) => {
        const rows = facts.map((f, i) => ({ screeningId: `s${i}`, facts: f, oldDecision: screen(f, ruleSet).decision }));
        const result = compareDecisions(rows, ruleSet);
        expect(result.changed).toBe(0);
        expect(result.examples).toEqual([]);
        const diagonal = DECISIONS.reduce((sum, d) => sum + result.matrix[d][d], 0);
        expect(diagonal).toBe(rows.length);
      }),
      { numRuns: 100 },
    );
  });

  it('always accounts for every row', () => {
    fc.assert(
      fc.property(fc.array(factsArbitrary, { maxLength: 30 }), ruleSetArbitrary, ruleSetArbitrary, (facts, old, candidate) => {
        const rows = facts.map((f, i) => ({ screeningId: `s${i}`, facts: f, oldDecision: screen(f, old).decision }));
        const result = compareDecisions(rows, candidate);
        let cells = 0;
        let offDiagonal = 0;
        for (const from of DECISIONS) {
          for (const to of DECISIONS) {
            cells += result.matrix[from][to];
            if (from !== to) offDiagonal += result.matrix[from][to];
          }
        }
        expect(cells).toBe(rows.length);
        expect(result.changed).toBe(offDiagonal);
        expect(result.examples.length).toBe(Math.min(20, result.changed));
      }),
      { numRuns: 100 },
    );
  });

  it('reports rows whose facts were counted over other windows than the candidate uses', () => {
    const candidate = structuredClone(DEFAULT_RULE_SET) as RuleSet;
    candidate.windows = { crossBankDays: 14, sharedIdentifierDays: 30 };
    const result = compareDecisions([{ screeningId: 's1', facts: clean, oldDecision: 'PASS' }], candidate);
    expect(result.staleWindowRows).toBe(1);
  });

  it('streams through an accumulator with the same answer', () => {
    const rows: BacktestRow[] = [0, 1, 2, 3, 4, 5].map((n) => ({ screeningId: `s${n}`, facts: velocity(n), oldDecision: 'PASS' }));
    const accumulator = new BacktestAccumulator(stricter());
    for (const row of rows) accumulator.add(row);
    expect(accumulator.result()).toEqual(compareDecisions(rows, stricter()));
  });
});
