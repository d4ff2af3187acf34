/**
 * Shell companies are registered days before their accounts are opened and sold, usually with
 * token capital. Every real company is also new when it opens its first account, so age alone
 * only adds points (SCORE_ONLY, LOW); new and with capital under CNY 10,000 asks a person
 * (REVIEW, MEDIUM). 90 days and CNY 10,000 are our starting points from the shell-company
 * pattern in DOMAIN.md; tune them with a backtest.
 */
import { formatFen } from '../labels.js';
import { defineRule, fire } from '../rule.js';

type Outcome = 'SCORE_ONLY' | 'REVIEW' | 'REJECT';

export interface EntityNewlyEstablishedParams {
  /** The rule fires while the company is younger than this many days. */
  maxAgeDays: number;
  /** Registered capital (fen) below which a new company counts as having token capital. */
  tinyCapitalFen: number;
  newOutcome: Outcome;
  tinyCapitalOutcome: Outcome;
}

const OUTCOME_FIELD = { type: 'enum', values: ['SCORE_ONLY', 'REVIEW', 'REJECT'] } as const;

export const entityNewlyEstablishedRule = defineRule({
  code: 'ENTITY_NEWLY_ESTABLISHED',
  appliesTo: 'ENTITY',
  defaultParams: {
    maxAgeDays: 90,
    tinyCapitalFen: 1_000_000,
    newOutcome: 'SCORE_ONLY',
    tinyCapitalOutcome: 'REVIEW',
  } as EntityNewlyEstablishedParams,
  defaultWeight: 15,
  paramSpec: {
    maxAgeDays: { type: 'integer', min: 1 },
    tinyCapitalFen: { type: 'integer', min: 0 },
    newOutcome: OUTCOME_FIELD,
    tinyCapitalOutcome: OUTCOME_FIELD,
  },
  evaluate(facts, params) {
    const registry = facts.registry;
    if (registry === null || registry.ageDays >= params.maxAgeDays) return [];
    const capital = registry.registeredCapitalFen;
    const evidence = { ageDays: registry.ageDays, maxAgeDays: params.maxAgeDays, registeredCapitalFen: capital ?? null };
    if (capital !== undefined && capital < params.tinyCapitalFen) {
      const cny = formatFen(capital);
      return [
        fire('ENTITY_NEWLY_ESTABLISHED', 'MEDIUM', params.tinyCapitalOutcome, {
          en: `The company was established ${registry.ageDays} days ago with a registered capital of only CNY ${cny}.`,
          zh: `该企业成立仅${registry.ageDays}天，注册资本仅${cny}元。`,
        }, { ...evidence, tinyCapitalFen: params.tinyCapitalFen }),
      ];
    }
    return [
      fire('ENTITY_NEWLY_ESTABLISHED', 'LOW', params.newOutcome, {
        en: `The company was established ${registry.ageDays} days ago.`,
        zh: `该企业成立仅${registry.ageDays}天。`,
      }, evidence),
    ];
  },
});
