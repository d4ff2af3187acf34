/** Public surface of the screening domain: facts in, rule set, decision out. */
export * from './facts.js';
export * from './finding.js';
export { validateScreeningFacts } from './validate-facts.js';
export { calendarDate, ageInYears, isDocumentExpired, CHINA_UTC_OFFSET_MINUTES } from './calendar.js';
export { RULES, RULE_CODES, isRuleCode, type RuleCode, type RuleParamsMap, type RuleCatalog } from './rule-catalog.js';
export type { ScreeningRule, RuleScope } from './rule.js';
export type { ValidationIssue } from './params.js';
export {
  DEFAULT_RULE_SET,
  RULE_SET_VERSION_PATTERN,
  validateRuleSet,
  type RuleSet,
  type RuleConfig,
  type RuleConfigs,
  type DecisionCutoffs,
  type AccountClassPolicy,
  type FactWindows,
  type ValidateRuleSetOptions,
} from './rule-set.js';
export { screen, compareFindings, moreRestrictedClass, DECISIONS, type Decision, type ScreeningResult } from './evaluate.js';
export {
  compareDecisions,
  BacktestAccumulator,
  type BacktestRow,
  type BacktestExample,
  type BacktestResult,
  type BacktestOptions,
  type DecisionMatrix,
} from './backtest.js';
export { ActivityWindow, encodeActivity, type ActivityChunk, type ActivityEvent, type ActivityKind, type ActivityWindowQuery, type ActivityCounts } from './activity-window.js';
