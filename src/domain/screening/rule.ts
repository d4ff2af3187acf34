import type { EntityScreeningFacts, PersonScreeningFacts, ScreeningFacts } from './facts.js';
import type { LocalizedMessage, Outcome, RuleFinding, Severity } from './finding.js';
import type { ParamSpec, ValidationIssue } from './params.js';

/** Which applicants a rule looks at. */
export type RuleScope = 'PERSON' | 'ENTITY' | 'ANY';

export type FactsFor<S extends RuleScope> = S extends 'PERSON'
  ? PersonScreeningFacts
  : S extends 'ENTITY'
    ? EntityScreeningFacts
    : ScreeningFacts;

export interface ScreeningRule<P extends object, C extends string = string> {
  readonly code: C;
  readonly appliesTo: RuleScope;
  readonly defaultParams: Readonly<P>;
  /** Points the rule adds to the score when it fires, unless the rule set says otherwise. */
  readonly defaultWeight: number;
  readonly paramSpec: ParamSpec<P>;
  /** Cross-field checks; paths are relative to the params object (e.g. "rejectAt"). */
  checkParams(params: Readonly<P>): ValidationIssue[];
  /** Returns [] for applicants outside the rule's scope. */
  evaluate(facts: ScreeningFacts, params: Readonly<P>): RuleFinding[];
}

export interface RuleDefinition<S extends RuleScope, P extends object, C extends string> {
  code: C;
  appliesTo: S;
  defaultParams: P;
  defaultWeight: number;
  paramSpec: ParamSpec<P>;
  checkParams?: (params: Readonly<P>) => ValidationIssue[];
  evaluate: (facts: FactsFor<S>, params: Readonly<P>) => RuleFinding[];
}

export function defineRule<S extends RuleScope, P extends object, C extends string>(
  definition: RuleDefinition<S, P, C>,
): ScreeningRule<P, C> {
  const { evaluate, checkParams } = definition;
  return Object.freeze({
    code: definition.code,
    appliesTo: definition.appliesTo,
    defaultParams: Object.freeze({ ...definition.defaultParams }),
    defaultWeight: definition.defaultWeight,
    paramSpec: definition.paramSpec,
    checkParams: (params: Readonly<P>) => (checkParams ? checkParams(params) : []),
    evaluate: (facts: ScreeningFacts, params: Readonly<P>) =>
      inScope(definition.appliesTo, facts) ? evaluate(facts, params) : [],
  });
}

function inScope<S extends RuleScope>(scope: S, facts: ScreeningFacts): facts is FactsFor<S> & ScreeningFacts {
  return scope === 'ANY' || facts.applicantType === scope;
}

/** Builds a finding; kept tiny so rule files read as the decision they make. */
export function fire(
  code: string,
  severity: Severity,
  outcome: Outcome,
  message: LocalizedMessage,
  evidence: Record<string, unknown>,
): RuleFinding {
  return { code, severity, outcome, message, evidence };
}
