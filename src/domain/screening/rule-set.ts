/**
 * A rule set is one published, versioned configuration of the screening rules: which run, their
 * parameters and weights, the score cut-offs and the account-class policy. Screenings store the
 * version they ran under so any decision can be replayed. Validation is by hand so the domain
 * stays dependency-free, and it reports every problem with its exact path at once.
 */
import { DomainError } from '../domain-error.js';
import { SEVERITIES, type Severity } from './finding.js';
import { isPlainObject, readParams, type ValidationIssue } from './params.js';
import { RULES, RULE_CODES, isRuleCode, type RuleCode, type RuleParamsMap } from './rule-catalog.js';

export interface RuleConfig<P> {
  enabled: boolean;
  /** Points (0..100) the rule adds to the score when it fires, counted once per rule. */
  weight: number;
  params: P;
}

export type RuleConfigs = { [C in RuleCode]: RuleConfig<RuleParamsMap[C]> };

/** Score cut-offs (0..100, review <= reject): a score at or above a cut-off sets that decision. */
export interface DecisionCutoffs {
  review: number;
  reject: number;
}

/**
 * When a person's screening ends in REVIEW, the bank may open a limited account instead of
 * refusing. Offered only when no finding is more severe than `mildMaxSeverity`: class II up to
 * `classIIMaxScore`, class III up to `classIIIMaxScore`, nothing above.
 */
export interface AccountClassPolicy {
  mildMaxSeverity: Severity;
  classIIMaxScore: number;
  classIIIMaxScore: number;
}

/** The windows the service counts over when it gathers facts for this rule set. */
export interface FactWindows {
  crossBankDays: number;
  sharedIdentifierDays: number;
}

export interface RuleSet {
  version: string;
  description?: string;
  rules: RuleConfigs;
  cutoffs: DecisionCutoffs;
  accountClass: AccountClassPolicy;
  windows: FactWindows;
}

export const RULE_SET_VERSION_PATTERN = /^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/;

function defaultRuleConfigs(): RuleConfigs {
  const configs: Partial<Record<RuleCode, RuleConfig<unknown>>> = {};
  for (const code of RULE_CODES) {
    const rule = RULES[code];
    configs[code] = { enabled: true, weight: rule.defaultWeight, params: structuredClone(rule.defaultParams) };
  }
  return configs as RuleConfigs;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The rule set the platform ships with; defaults are explained in each rule's file. */
export const DEFAULT_RULE_SET: Readonly<RuleSet> = deepFreeze({
  version: '2026.11.1',
  description: 'Default rules shipped with the platform.',
  rules: defaultRuleConfigs(),
  cutoffs: { review: 40, reject: 90 },
  accountClass: { mildMaxSeverity: 'MEDIUM', classIIMaxScore: 25, classIIIMaxScore: 60 },
  windows: { crossBankDays: 7, sharedIdentifierDays: 30 },
} satisfies RuleSet);

export interface ValidateRuleSetOptions {
  /**
   * What a rule missing from `rules` means. 'error' (default) for publication, so a truncated
   * document is caught; 'disabled' to load a version stored before the rule existed (it did not
   * run then, so it must not run on replay); 'default' to fill in the rule's defaults.
   */
  missingRules?: 'error' | 'disabled' | 'default';
}

const TOP_LEVEL_KEYS = new Set(['version', 'description', 'rules', 'cutoffs', 'accountClass', 'windows']);
const RULE_CONFIG_KEYS = new Set(['enabled', 'weight', 'params']);

/**
 * Checks an untrusted rule set (an admin's JSON, or a stored version) and returns a complete,
 * fresh RuleSet: omitted `enabled` is true, omitted `weight` and params fields take the rule's
 * defaults. Store the returned object, not the input, so replay never depends on defaults that
 * may change later. Throws DomainError('INVALID_RULE_SET') listing every problem by path.
 */
export function validateRuleSet(input: unknown, options: ValidateRuleSetOptions = {}): RuleSet {
  const issues: ValidationIssue[] = [];
  if (!isPlainObject(input)) {
    throw invalid([{ path: '$', message: 'must be an object' }]);
  }
  for (const key of Object.keys(input)) {
    if (!TOP_LEVEL_KEYS.has(key)) issues.push({ path: key, message: 'unknown field' });
  }

  const version = input.version;
  if (typeof version !== 'string' || !RULE_SET_VERSION_PATTERN.test(version)) {
    issues.push({ path: 'version', message: 'must be 1-64 characters of letters, digits, ".", "_" or "-", starting with a letter or digit' });
  }
  const description = input.description;
  if (description !== undefined && (typeof description !== 'string' || description.length > 1000)) {
    issues.push({ path: 'description', message: 'must be a string of at most 1000 characters' });
  }

  const rules = readRules(input.rules, options.missingRules ?? 'error', issues);
  const cutoffs = readCutoffs(input.cutoffs, issues);
  const accountClass = readAccountClass(input.accountClass, issues);
  const windows = readWindows(input.windows, issues);

  if (issues.length > 0) throw invalid(issues);
  const ruleSet: RuleSet = { version: version as string, rules, cutoffs, accountClass, windows };
  if (typeof description === 'string') ruleSet.description = description;
  return ruleSet;
}

function invalid(issues: ValidationIssue[]): DomainError<'INVALID_RULE_SET'> {
  const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
  const more = issues.length > shown.length ? `; and ${issues.length - shown.length} more` : '';
  return new DomainError('INVALID_RULE_SET', `Invalid rule set: ${shown.join('; ')}${more}`, { issues });
}

function readRules(input: unknown, missing: 'error' | 'disabled' | 'default', issues: ValidationIssue[]): RuleConfigs {
  const configs = defaultRuleConfigs();
  if (!isPlainObject(input)) {
    issues.push({ path: 'rules', message: 'must be an object keyed by rule code' });
    return configs;
  }
  for (const key of Object.keys(input)) {
    if (!isRuleCode(key)) issues.push({ path: `rules.${key}`, message: 'unknown rule code' });
  }
  for (const code of RULE_CODES) {
    if (!Object.hasOwn(input, code)) {
      if (missing === 'error') issues.push({ path: `rules.${code}`, message: 'missing' });
      if (missing === 'disabled') configs[code].enabled = false;
      continue;
    }
    readRuleConfig(code, input[code], configs, issues);
  }
  return configs;
}

function readRuleConfig<C extends RuleCode>(code: C, input: unknown, configs: RuleConfigs, issues: ValidationIssue[]): void {
  const path = `rules.${code}`;
  if (!isPlainObject(input)) {
    issues.push({ path, message: 'must be an object with enabled, weight and params' });
    return;
  }
  for (const key of Object.keys(input)) {
    if (!RULE_CONFIG_KEYS.has(key)) issues.push({ path: `${path}.${key}`, message: 'unknown field' });
  }
  const rule: RuleCatalog[C] = RULES[code];
  const config: RuleConfig<RuleParamsMap[C]> = configs[code];
  if (input.enabled !== undefined) {
    if (typeof input.enabled === 'boolean') config.enabled = input.enabled;
    else issues.push({ path: `${path}.enabled`, message: 'must be a boolean' });
  }
  if (input.weight !== undefined) {
    const problem = scoreProblem(input.weight, 'weight');
    if (problem === null) config.weight = input.weight as number;
    else issues.push({ path: `${path}.weight`, message: problem });
  }
  const before = issues.length;
  const params = readParams(input.params, rule.paramSpec, rule.defaultParams, `${path}.params`, issues);
  if (issues.length === before) {
    for (const issue of rule.checkParams(params)) {
      issues.push({ path: `${path}.params.${issue.path}`, message: issue.message });
    }
  }
  config.params = params;
}

type RuleCatalog = typeof RULES;

function scoreProblem(value: unknown, what: string): string | null {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return `${what} must be an integer from 0 to 100`;
  if (value < 0) return `${what} must not be negative`;
  if (value > 100) return `${what} must be at most 100`;
  return null;
}

function readScores<K extends string>(
  input: unknown,
  path: string,
  keys: readonly K[],
  issues: ValidationIssue[],
  extra: Record<string, (value: unknown) => string | null> = {},
): Partial<Record<K, number>> & Record<string, unknown> {
  type Read = Partial<Record<K, number>> & Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if (!isPlainObject(input)) {
    issues.push({ path, message: `must be an object with ${[...keys, ...Object.keys(extra)].join(', ')}` });
    return out as Read;
  }
  const allowed = new Set<string>([...keys, ...Object.keys(extra)]);
  for (const key of Object.keys(input)) {
    if (!allowed.has(key)) issues.push({ path: `${path}.${key}`, message: 'unknown field' });
  }
  for (const key of keys) {
    const problem = scoreProblem(input[key], 'value');
    if (problem === null) out[key] = input[key];
    else issues.push({ path: `${path}.${key}`, message: input[key] === undefined ? 'missing' : problem });
  }
  for (const [key, check] of Object.entries(extra)) {
    const problem = check(input[key]);
    if (problem === null) out[key] = input[key];
    else issues.push({ path: `${path}.${key}`, message: input[key] === undefined ? 'missing' : problem });
  }
  return out as Read;
}

function readCutoffs(input: unknown, issues: ValidationIssue[]): DecisionCutoffs {
  const read = readScores(input, 'cutoffs', ['review', 'reject'] as const, issues);
  const review = read.review ?? 0;
  const reject = read.reject ?? 100;
  if (read.review !== undefined && read.reject !== undefined && review > reject) {
    issues.push({ path: 'cutoffs.review', message: `must not exceed cutoffs.reject (${reject})` });
  }
  return { review, reject };
}

function readAccountClass(input: unknown, issues: ValidationIssue[]): AccountClassPolicy {
  const read = readScores(input, 'accountClass', ['classIIMaxScore', 'classIIIMaxScore'] as const, issues, {
    mildMaxSeverity: (v) =>
      typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v) ? null : `must be one of ${SEVERITIES.join(', ')}`,
  });
  const classII = read.classIIMaxScore ?? 0;
  const classIII = read.classIIIMaxScore ?? 0;
  if (read.classIIMaxScore !== undefined && read.classIIIMaxScore !== undefined && classII > classIII) {
    issues.push({ path: 'accountClass.classIIMaxScore', message: `must not exceed accountClass.classIIIMaxScore (${classIII})` });
  }
  return {
    mildMaxSeverity: (read.mildMaxSeverity as Severity | undefined) ?? 'INFO',
    classIIMaxScore: classII,
    classIIIMaxScore: classIII,
  };
}

function readWindows(input: unknown, issues: ValidationIssue[]): FactWindows {
  const days = (v: unknown): string | null =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 && v <= 366 ? null : 'must be an integer from 1 to 366';
  const read = readScores(input, 'windows', [] as const, issues, { crossBankDays: days, sharedIdentifierDays: days });
  return {
    crossBankDays: (read.crossBankDays as number | undefined) ?? 1,
    sharedIdentifierDays: (read.sharedIdentifierDays as number | undefined) ?? 1,
  };
}
