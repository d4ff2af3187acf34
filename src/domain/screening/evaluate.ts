/**
 * Runs a rule set over gathered facts. Pure and deterministic: the same facts and rule set give
 * the same result, byte for byte, so stored screenings can be replayed and backtested.
 */
import type { AccountClass, ScreeningFacts } from './facts.js';
import { outcomeRank, severityRank, type Finding, type RuleFinding } from './finding.js';
import { RULES, RULE_CODES, type RuleCode } from './rule-catalog.js';
import type { AccountClassPolicy, RuleSet } from './rule-set.js';

export const DECISIONS = ['PASS', 'REVIEW', 'REJECT'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface ScreeningResult {
  decision: Decision;
  /** min(100, sum of the weights of the rules that fired). */
  score: number;
  /** Persons only: the class the bank may open; absent when it should not open one now. */
  recommendedAccountClass?: AccountClass;
  /** Findings, most severe first, then by code. */
  reasons: Finding[];
  ruleSetVersion: string;
}

export function screen(facts: ScreeningFacts, ruleSet: RuleSet): ScreeningResult {
  const weights = new Map<string, number>();
  const fired: RuleFinding[] = [];
  for (const code of RULE_CODES) {
    const config = ruleSet.rules[code];
    if (!config.enabled) continue;
    const findings = runRule(code, facts, ruleSet);
    if (findings.length === 0) continue;
    weights.set(code, config.weight);
    // The catalogue code is authoritative, whatever a rule wrote.
    for (const finding of findings) fired.push({ ...finding, code });
  }
  fired.sort(compareFindings);

  const pointsGiven = new Set<string>();
  const reasons: Finding[] = fired.map((finding) => {
    const first = !pointsGiven.has(finding.code);
    pointsGiven.add(finding.code);
    return { ...finding, points: first ? (weights.get(finding.code) ?? 0) : 0 };
  });

  let total = 0;
  for (const weight of weights.values()) total += weight;
  const score = Math.min(100, total);
  const decision = decide(reasons, score, ruleSet);
  const result: ScreeningResult = { decision, score, reasons, ruleSetVersion: ruleSet.version };
  if (facts.applicantType === 'PERSON') {
    const recommended = recommendClass(decision, score, reasons, facts.requestedAccountClass, ruleSet.accountClass);
    if (recommended !== undefined) result.recommendedAccountClass = recommended;
  }
  return result;
}

function runRule<C extends RuleCode>(code: C, facts: ScreeningFacts, ruleSet: RuleSet): RuleFinding[] {
  const rule: (typeof RULES)[C] = RULES[code];
  return rule.evaluate(facts, ruleSet.rules[code].params);
}

/** Most severe first; then REJECT before REVIEW before SCORE_ONLY; then code; then message. */
export function compareFindings(a: RuleFinding, b: RuleFinding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    outcomeRank(b.outcome) - outcomeRank(a.outcome) ||
    compareStrings(a.code, b.code) ||
    compareStrings(a.message.en, b.message.en) ||
    compareStrings(JSON.stringify(a.evidence), JSON.stringify(b.evidence))
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function decisionRank(decision: Decision): number {
  return DECISIONS.indexOf(decision);
}

/** The stricter of what the findings demand and what the score's cut-offs say. */
function decide(reasons: readonly Finding[], score: number, ruleSet: RuleSet): Decision {
  let byOutcome: Decision = 'PASS';
  for (const reason of reasons) {
    if (reason.outcome === 'REJECT') byOutcome = 'REJECT';
    else if (reason.outcome === 'REVIEW' && byOutcome === 'PASS') byOutcome = 'REVIEW';
  }
  const { review, reject } = ruleSet.cutoffs;
  const byScore: Decision = score >= reject ? 'REJECT' : score >= review ? 'REVIEW' : 'PASS';
  return decisionRank(byScore) > decisionRank(byOutcome) ? byScore : byOutcome;
}

const CLASS_ORDER: readonly AccountClass[] = ['I', 'II', 'III'];

/** III is more restricted than II, which is more restricted than I. */
export function moreRestrictedClass(a: AccountClass, b: AccountClass): AccountClass {
  return CLASS_ORDER.indexOf(a) >= CLASS_ORDER.indexOf(b) ? a : b;
}

function recommendClass(
  decision: Decision,
  score: number,
  reasons: readonly Finding[],
  requested: AccountClass,
  policy: AccountClassPolicy,
): AccountClass | undefined {
  if (decision === 'PASS') return requested;
  if (decision === 'REJECT') return undefined;
  const mildLimit = severityRank(policy.mildMaxSeverity);
  if (reasons.some((r) => severityRank(r.severity) > mildLimit)) return undefined;
  if (score <= policy.classIIMaxScore) return moreRestrictedClass(requested, 'II');
  if (score <= policy.classIIIMaxScore) return moreRestrictedClass(requested, 'III');
  return undefined;
}
