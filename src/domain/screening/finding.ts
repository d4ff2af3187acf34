/**
 * What a rule says when it fires. The rule decides severity, outcome, message and evidence;
 * the evaluator adds the points the rule set gives it.
 */

export const SEVERITIES = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * REJECT and REVIEW set a floor under the decision; SCORE_ONLY adds points and nothing else,
 * for weak signals that only matter in combination.
 */
export const OUTCOMES = ['SCORE_ONLY', 'REVIEW', 'REJECT'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface LocalizedMessage {
  en: string;
  zh: string;
}

export interface RuleFinding {
  code: string;
  severity: Severity;
  outcome: Outcome;
  message: LocalizedMessage;
  evidence: Record<string, unknown>;
}

export interface Finding extends RuleFinding {
  /**
   * What this finding added to the score: the rule's weight on the first (most severe) finding
   * of each rule, 0 on the others, so the points of all reasons add up to the uncapped score.
   */
  points: number;
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function outcomeRank(outcome: Outcome): number {
  return OUTCOMES.indexOf(outcome);
}
