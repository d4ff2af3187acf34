/**
 * Replays stored screenings through a candidate rule set to show, before publishing it, how
 * decisions would move. Nothing is written; the service feeds rows (it may stream them through
 * BacktestAccumulator) and returns the summary.
 *
 * Stored facts were counted over the windows of the rule set they ran under. A candidate with
 * other windows cannot recount them, so such rows are replayed on the old counts and reported
 * in `staleWindowRows`.
 */
import type { ScreeningFacts } from './facts.js';
import type { Finding } from './finding.js';
import { DECISIONS, screen, type Decision } from './evaluate.js';
import type { RuleSet } from './rule-set.js';

export interface BacktestRow {
  screeningId: string;
  facts: ScreeningFacts;
  oldDecision: Decision;
}

export interface BacktestExample {
  screeningId: string;
  old: Decision;
  new: Decision;
  score: number;
  reasons: Finding[];
}

export type DecisionMatrix = Record<Decision, Record<Decision, number>>;

export interface BacktestResult {
  ruleSetVersion: string;
  total: number;
  /** Rows whose decision differs under the candidate. */
  changed: number;
  /** matrix[old][new] = number of rows. */
  matrix: DecisionMatrix;
  /** Changed rows, in input order; every kind of change is represented before any repeats. */
  examples: BacktestExample[];
  staleWindowRows: number;
}

export interface BacktestOptions {
  /** Default 20. */
  maxExamples?: number;
}

interface Kept {
  index: number;
  example: BacktestExample;
}

export class BacktestAccumulator {
  private readonly maxExamples: number;
  private readonly matrix: DecisionMatrix = emptyMatrix();
  /** Per kind of change (old->new), the first maxExamples rows, in input order. */
  private readonly kept = new Map<string, Kept[]>();
  private total = 0;
  private changed = 0;
  private staleWindowRows = 0;

  constructor(
    private readonly candidate: RuleSet,
    options: BacktestOptions = {},
  ) {
    this.maxExamples = Math.max(0, Math.trunc(options.maxExamples ?? 20));
  }

  add(row: BacktestRow): void {
    const index = this.total;
    this.total += 1;
    if (countedOverOtherWindows(row.facts, this.candidate)) this.staleWindowRows += 1;
    const result = screen(row.facts, this.candidate);
    this.matrix[row.oldDecision][result.decision] += 1;
    if (result.decision === row.oldDecision) return;
    this.changed += 1;
    const kind = `${row.oldDecision}->${result.decision}`;
    const list = this.kept.get(kind) ?? [];
    if (list.length < this.maxExamples) {
      list.push({
        index,
        example: { screeningId: row.screeningId, old: row.oldDecision, new: result.decision, score: result.score, reasons: result.reasons },
      });
      this.kept.set(kind, list);
    }
  }

  result(): BacktestResult {
    return {
      ruleSetVersion: this.candidate.version,
      total: this.total,
      changed: this.changed,
      matrix: structuredClone(this.matrix),
      examples: this.pickExamples(),
      staleWindowRows: this.staleWindowRows,
    };
  }

  /** Round-robin over kinds of change so a rare change is not hidden behind a common one. */
  private pickExamples(): BacktestExample[] {
    const lists = [...this.kept.values()].sort((a, b) => a[0]!.index - b[0]!.index);
    const picked: Kept[] = [];
    for (let round = 0; picked.length < this.maxExamples; round += 1) {
      let any = false;
      for (const list of lists) {
        const item = list[round];
        if (item === undefined || picked.length >= this.maxExamples) continue;
        picked.push(item);
        any = true;
      }
      if (!any) break;
    }
    return picked.sort((a, b) => a.index - b.index).map((k) => k.example);
  }
}

export function compareDecisions(
  rows: Iterable<BacktestRow>,
  candidate: RuleSet,
  options: BacktestOptions = {},
): BacktestResult {
  const accumulator = new BacktestAccumulator(candidate, options);
  for (const row of rows) accumulator.add(row);
  return accumulator.result();
}

function emptyMatrix(): DecisionMatrix {
  const row = (): Record<Decision, number> => ({ PASS: 0, REVIEW: 0, REJECT: 0 });
  const matrix = {} as DecisionMatrix;
  for (const d of DECISIONS) matrix[d] = row();
  return matrix;
}

function countedOverOtherWindows(facts: ScreeningFacts, candidate: RuleSet): boolean {
  if (facts.sharedIdentifiers.windowDays !== candidate.windows.sharedIdentifierDays) return true;
  const crossBank = facts.crossBank;
  return crossBank !== undefined && crossBank.windowDays !== candidate.windows.crossBankDays;
}
