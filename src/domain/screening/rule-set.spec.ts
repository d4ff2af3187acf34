import { DomainError } from '../domain-error.js';
import { RULE_CODES } from './rule-catalog.js';
import { DEFAULT_RULE_SET, validateRuleSet, type RuleSet } from './rule-set.js';

/** A plain, mutable copy of the default rule set, as an admin would post it. */
function document(): Record<string, unknown> & { rules: Record<string, Record<string, unknown>> } {
  return JSON.parse(JSON.stringify(DEFAULT_RULE_SET)) as ReturnType<typeof document>;
}

function issuesOf(input: unknown, options?: Parameters<typeof validateRuleSet>[1]): Array<{ path: string; message: string }> {
  try {
    validateRuleSet(input, options);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INVALID_RULE_SET');
    return (error as DomainError).details!.issues as Array<{ path: string; message: string }>;
  }
  throw new Error('expected the rule set to be refused');
}

const paths = (input: unknown, options?: Parameters<typeof validateRuleSet>[1]) => issuesOf(input, options).map((i) => i.path);

describe('DEFAULT_RULE_SET', () => {
  it('configures every rule, is valid and round-trips through JSON unchanged', () => {
    expect(Object.keys(DEFAULT_RULE_SET.rules)).toEqual([...RULE_CODES]);
    expect(validateRuleSet(document())).toEqual(DEFAULT_RULE_SET);
  });

  it('is frozen, so no caller can change the defaults for everyone', () => {
    expect(Object.isFrozen(DEFAULT_RULE_SET.rules.CROSS_BANK_VELOCITY.params)).toBe(true);
    expect(Object.isFrozen(DEFAULT_RULE_SET.rules.YOUNG_REMOTE.params.channels)).toBe(true);
  });

  it('has the documented version and cut-offs', () => {
    expect(DEFAULT_RULE_SET.version).toBe('2026.11.1');
    expect(DEFAULT_RULE_SET.cutoffs).toEqual({ review: 40, reject: 90 });
  });
});

describe('validateRuleSet', () => {
  it('returns a fresh object the caller may change without touching the input', () => {
    const input = document();
    const ruleSet: RuleSet = validateRuleSet(input);
    ruleSet.rules.YOUNG_REMOTE.params.channels.push('COUNTER');
    expect(input.rules.YOUNG_REMOTE!.params).toEqual({ minAge: 16, maxAge: 25, channels: ['MOBILE', 'ONLINE', 'AGENT'] });
  });

  it('fills omitted enabled, weight and params fields from the rule defaults', () => {
    const input = document();
    input.rules.CROSS_BANK_VELOCITY = { params: { reviewAt: 2 } };
    const ruleSet = validateRuleSet(input);
    expect(ruleSet.rules.CROSS_BANK_VELOCITY).toEqual({ enabled: true, weight: 35, params: { reviewAt: 2, rejectAt: 5 } });
  });

  it('refuses things that are not objects', () => {
    expect(paths(null)).toEqual(['$']);
    expect(paths([])).toEqual(['$']);
    expect(paths('x')).toEqual(['$']);
  });

  it('reports unknown rule codes and unknown fields by path', () => {
    const input = document();
    input.rules.NO_SUCH_RULE = { enabled: true, weight: 1 };
    input.rules.AGE_UNDER_16!.colour = 'red';
    input.extra = 1;
    expect(paths(input).sort()).toEqual(['extra', 'rules.AGE_UNDER_16.colour', 'rules.NO_SUCH_RULE']);
  });

  it('reports negative, fractional and too large weights', () => {
    const input = document();
    input.rules.CARD_FARMING_PHONE!.weight = -1;
    input.rules.CARD_FARMING_DEVICE!.weight = 2.5;
    input.rules.CARD_FARMING_ADDRESS!.weight = 101;
    const issues = issuesOf(input);
    expect(issues).toEqual([
      { path: 'rules.CARD_FARMING_PHONE.weight', message: 'weight must not be negative' },
      { path: 'rules.CARD_FARMING_DEVICE.weight', message: 'weight must be an integer from 0 to 100' },
      { path: 'rules.CARD_FARMING_ADDRESS.weight', message: 'weight must be at most 100' },
    ]);
  });

  it('reports params of the wrong type, unknown params and cross-field problems', () => {
    const input = document();
    input.rules.CROSS_BANK_VELOCITY!.params = { reviewAt: '3' };
    input.rules.YOUNG_REMOTE!.params = { channels: ['MOBILE', 'FAX'] };
    input.rules.ELDERLY_REMOTE!.params = { maxAge: 90 };
    input.rules.NEGATIVE_LIST_PERSON!.params = { minFuzzyScore: 1.5, rejectMeasures: ['no new accounts'] };
    input.rules.CARD_FARMING_PHONE!.params = { reviewAt: 3, highAt: 2 };
    input.rules.ENTITY_NOT_FOUND!.params = { outcome: 'SCORE_ONLY' };
    input.rules.ENTITY_NEWLY_ESTABLISHED!.params = { tinyCapitalFen: 10.5 };
    input.rules.AGE_UNDER_16!.enabled = 'yes';
    input.rules.ID_EXPIRED!.params = [];
    expect(paths(input).sort()).toEqual(
      [
        'rules.CROSS_BANK_VELOCITY.params.reviewAt',
        'rules.YOUNG_REMOTE.params.channels',
        'rules.ELDERLY_REMOTE.params.maxAge',
        'rules.NEGATIVE_LIST_PERSON.params.minFuzzyScore',
        'rules.NEGATIVE_LIST_PERSON.params.rejectMeasures',
        'rules.CARD_FARMING_PHONE.params.highAt',
        'rules.ENTITY_NOT_FOUND.params.outcome',
        'rules.ENTITY_NEWLY_ESTABLISHED.params.tinyCapitalFen',
        'rules.AGE_UNDER_16.enabled',
        'rules.ID_EXPIRED.params',
      ].sort(),
    );
  });

  it('accepts null where a threshold may be switched off', () => {
    const input = document();
    input.rules.CROSS_BANK_VELOCITY!.params = { reviewAt: 3, rejectAt: null };
    expect(validateRuleSet(input).rules.CROSS_BANK_VELOCITY.params.rejectAt).toBeNull();
    input.rules.CROSS_BANK_VELOCITY!.params = { reviewAt: null };
    expect(paths(input)).toEqual(['rules.CROSS_BANK_VELOCITY.params.reviewAt']);
  });

  it('checks cut-offs: range, integers, review <= reject', () => {
    const at = (cutoffs: unknown) => paths({ ...document(), cutoffs });
    expect(at({ review: -1, reject: 90 })).toEqual(['cutoffs.review']);
    expect(at({ review: 40, reject: 101 })).toEqual(['cutoffs.reject']);
    expect(at({ review: 91, reject: 90 })).toEqual(['cutoffs.review']);
    expect(at({ review: 40 })).toEqual(['cutoffs.reject']);
    expect(at(undefined)).toEqual(['cutoffs']);
    expect(validateRuleSet({ ...document(), cutoffs: { review: 90, reject: 90 } }).cutoffs).toEqual({ review: 90, reject: 90 });
  });

  it('checks the account-class policy and the windows', () => {
    expect(paths({ ...document(), accountClass: { mildMaxSeverity: 'SEVERE', classIIMaxScore: 70, classIIIMaxScore: 60 } }).sort()).toEqual([
      'accountClass.classIIMaxScore',
      'accountClass.mildMaxSeverity',
    ]);
    expect(paths({ ...document(), windows: { crossBankDays: 0, sharedIdentifierDays: 367 } }).sort()).toEqual([
      'windows.crossBankDays',
      'windows.sharedIdentifierDays',
    ]);
  });

  it('checks the version string', () => {
    expect(paths({ ...document(), version: '' })).toEqual(['version']);
    expect(paths({ ...document(), version: '2026 11' })).toEqual(['version']);
    expect(paths({ ...document(), version: 3 })).toEqual(['version']);
    expect(validateRuleSet({ ...document(), version: '2026.12.1-rc_1' }).version).toBe('2026.12.1-rc_1');
  });

  describe('a rule missing from the document', () => {
    const withoutVelocity = () => {
      const input = document();
      delete input.rules.CROSS_BANK_VELOCITY;
      return input;
    };
    it('is an error when publishing', () => {
      expect(issuesOf(withoutVelocity())).toEqual([{ path: 'rules.CROSS_BANK_VELOCITY', message: 'missing' }]);
    });
    it('is disabled when loading a version stored before the rule existed', () => {
      expect(validateRuleSet(withoutVelocity(), { missingRules: 'disabled' }).rules.CROSS_BANK_VELOCITY.enabled).toBe(false);
    });
    it('takes the defaults on request', () => {
      expect(validateRuleSet(withoutVelocity(), { missingRules: 'default' }).rules.CROSS_BANK_VELOCITY).toEqual(
        DEFAULT_RULE_SET.rules.CROSS_BANK_VELOCITY,
      );
    });
  });

  it('puts the first problems in the message and all of them in details', () => {
    const input = document();
    for (const code of RULE_CODES) input.rules[code]!.weight = -5;
    try {
      validateRuleSet(input);
      throw new Error('expected a refusal');
    } catch (error) {
      const e = error as DomainError;
      expect(e.message).toMatch(/^Invalid rule set: rules\.NEGATIVE_LIST_PERSON\.weight: weight must not be negative;/);
      expect(e.message).toMatch(/and \d+ more$/);
      expect((e.details!.issues as unknown[]).length).toBe(RULE_CODES.length);
    }
  });
});
