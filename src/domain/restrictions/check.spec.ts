import { DomainError } from '../domain-error.js';
import { DEFAULT_DAILY_LIMITS, evaluateOperation, type CheckReason } from './check.js';
import { CHANNELS, DIRECTIONS, LEVELS, type Channel, type Direction, type RestrictionLevel } from './ladder.js';

// The full ladder, written out by hand. Columns follow CHANNELS:
//            COUNTER, ATM, MOBILE, ONLINE, POS, THIRD_PARTY
// '+' allowed, '-' refused; the reason is the same across a row unless listed per column.
type Row = [RestrictionLevel | null, Direction, string, CheckReason | CheckReason[]];
const NC: CheckReason[] = ['COUNTER_ALLOWED', 'WITHIN_DAILY_CAP', 'WITHIN_DAILY_CAP', 'WITHIN_DAILY_CAP', 'WITHIN_DAILY_CAP', 'WITHIN_DAILY_CAP'];
const SUSP: CheckReason[] = [
  'COUNTER_ALLOWED',
  'NON_COUNTER_OUTFLOW_SUSPENDED',
  'NON_COUNTER_OUTFLOW_SUSPENDED',
  'NON_COUNTER_OUTFLOW_SUSPENDED',
  'NON_COUNTER_OUTFLOW_SUSPENDED',
  'NON_COUNTER_OUTFLOW_SUSPENDED',
];
const TABLE: Row[] = [
  [null, 'IN', '++++++', 'NO_RESTRICTION'],
  [null, 'OUT', '++++++', 'NO_RESTRICTION'],
  ['ENHANCED_MONITORING', 'IN', '++++++', 'MONITORED'],
  ['ENHANCED_MONITORING', 'OUT', '++++++', 'MONITORED'],
  ['LIMITED_NON_COUNTER', 'IN', '++++++', 'INFLOW_ALLOWED'],
  ['LIMITED_NON_COUNTER', 'OUT', '++++++', NC],
  ['NON_COUNTER_SUSPENDED', 'IN', '++++++', 'INFLOW_ALLOWED'],
  ['NON_COUNTER_SUSPENDED', 'OUT', '+-----', SUSP],
  ['RECEIVE_ONLY', 'IN', '++++++', 'INFLOW_ALLOWED'],
  ['RECEIVE_ONLY', 'OUT', '------', 'RECEIVE_ONLY_OUTFLOW_BLOCKED'],
  ['FROZEN', 'IN', '------', 'FROZEN'],
  ['FROZEN', 'OUT', '------', 'FROZEN'],
];

const cases = TABLE.flatMap(([level, direction, marks, reasons]) =>
  CHANNELS.map((channel, i) => ({
    level,
    direction,
    channel,
    allowed: marks[i] === '+',
    reason: Array.isArray(reasons) ? reasons[i]! : reasons,
  })),
);

describe('evaluateOperation: every level x direction x channel', () => {
  it('covers the whole product', () => {
    const keys = new Set(cases.map((c) => `${c.level}/${c.direction}/${c.channel}`));
    expect(keys.size).toBe((LEVELS.length + 1) * DIRECTIONS.length * CHANNELS.length);
  });

  it.each(cases)('$level $direction $channel -> allowed=$allowed $reason', ({ level, direction, channel, allowed, reason }) => {
    const decision = evaluateOperation({ level, direction, channel, amountFen: 10_000 });
    expect(decision.allowed).toBe(allowed);
    expect(decision.reason).toBe(reason);
    // Every rung includes monitoring; only "no restriction" goes unflagged.
    expect(decision.flagged).toBe(level !== null);
    expect(decision.remaining !== undefined).toBe(level === 'LIMITED_NON_COUNTER');
  });
});

describe('exempt purposes', () => {
  const nonCounter: Channel[] = ['ATM', 'MOBILE', 'ONLINE', 'POS', 'THIRD_PARTY'];
  const purposes = ['TAX', 'SOCIAL_SECURITY', 'UTILITY'];

  it.each(purposes.flatMap((p) => nonCounter.map((c) => [p, c] as const)))(
    '%s over %s goes through under both non-counter levels',
    (purposeCode, channel) => {
      for (const level of ['LIMITED_NON_COUNTER', 'NON_COUNTER_SUSPENDED'] as const) {
        const d = evaluateOperation({ level, direction: 'OUT', channel, amountFen: 10_000_000, purposeCode });
        expect(d).toMatchObject({ allowed: true, reason: 'EXEMPT_PURPOSE', flagged: true, countsTowardCap: false });
      }
    },
  );

  it('does not consume or need the cap', () => {
    const d = evaluateOperation({
      level: 'LIMITED_NON_COUNTER',
      direction: 'OUT',
      channel: 'MOBILE',
      amountFen: 1,
      purposeCode: 'TAX',
      usage: { amountFenToday: 200_000, countToday: 5 },
    });
    expect(d).toMatchObject({ allowed: true, reason: 'EXEMPT_PURPOSE', countsTowardCap: false, remaining: { amountFen: 0, count: 0 } });
  });

  it.each(purposes)('%s outflow stays refused under RECEIVE_ONLY and FROZEN', (purposeCode) => {
    for (const channel of CHANNELS) {
      expect(evaluateOperation({ level: 'RECEIVE_ONLY', direction: 'OUT', channel, amountFen: 100, purposeCode }).reason).toBe(
        'RECEIVE_ONLY_OUTFLOW_BLOCKED',
      );
      expect(evaluateOperation({ level: 'FROZEN', direction: 'OUT', channel, amountFen: 100, purposeCode }).allowed).toBe(false);
    }
  });

  it('an unknown purpose code is no exemption', () => {
    const d = evaluateOperation({ level: 'NON_COUNTER_SUSPENDED', direction: 'OUT', channel: 'ONLINE', amountFen: 100, purposeCode: 'SALARY' });
    expect(d.allowed).toBe(false);
  });
});

describe('daily caps under LIMITED_NON_COUNTER', () => {
  const base = { level: 'LIMITED_NON_COUNTER' as const, direction: 'OUT' as const, channel: 'MOBILE' as const };

  it('defaults to CNY 2,000 and 5 operations a day', () => {
    expect(DEFAULT_DAILY_LIMITS).toEqual({ dailyAmountFen: 200_000, dailyCount: 5 });
  });

  it('amount: exactly at the cap is allowed, one fen over is refused', () => {
    const usage = { amountFenToday: 150_000, countToday: 2 };
    expect(evaluateOperation({ ...base, amountFen: 50_000, usage })).toEqual({
      allowed: true,
      reason: 'WITHIN_DAILY_CAP',
      flagged: true,
      countsTowardCap: true,
      remaining: { amountFen: 0, count: 2 },
    });
    expect(evaluateOperation({ ...base, amountFen: 50_001, usage })).toEqual({
      allowed: false,
      reason: 'DAILY_AMOUNT_CAP_EXCEEDED',
      flagged: true,
      countsTowardCap: false,
      remaining: { amountFen: 50_000, count: 3 },
    });
  });

  it('a single operation above the whole cap is refused on a fresh day', () => {
    expect(evaluateOperation({ ...base, amountFen: 200_000 }).allowed).toBe(true);
    expect(evaluateOperation({ ...base, amountFen: 200_001 }).reason).toBe('DAILY_AMOUNT_CAP_EXCEEDED');
  });

  it('count: the 5th operation is allowed, the 6th refused', () => {
    expect(evaluateOperation({ ...base, amountFen: 100, usage: { amountFenToday: 400, countToday: 4 } })).toMatchObject({
      allowed: true,
      remaining: { amountFen: 199_500, count: 0 },
    });
    expect(evaluateOperation({ ...base, amountFen: 100, usage: { amountFenToday: 500, countToday: 5 } })).toMatchObject({
      allowed: false,
      reason: 'DAILY_COUNT_CAP_EXCEEDED',
      remaining: { amountFen: 199_500, count: 0 },
    });
  });

  it('reports the count cap first when both are spent', () => {
    const d = evaluateOperation({ ...base, amountFen: 1, usage: { amountFenToday: 200_000, countToday: 5 } });
    expect(d.reason).toBe('DAILY_COUNT_CAP_EXCEEDED');
  });

  it('honours custom limits, including a zero cap', () => {
    const limits = { dailyAmountFen: 1_000_000, dailyCount: 1 };
    expect(evaluateOperation({ ...base, amountFen: 1_000_000, limits }).allowed).toBe(true);
    expect(evaluateOperation({ ...base, amountFen: 1, limits, usage: { amountFenToday: 0, countToday: 1 } }).allowed).toBe(false);
    expect(evaluateOperation({ ...base, amountFen: 1, limits: { dailyAmountFen: 0, dailyCount: 5 } }).reason).toBe(
      'DAILY_AMOUNT_CAP_EXCEEDED',
    );
  });

  it('counter outflow and inflow are free and do not count, but report what is left', () => {
    const usage = { amountFenToday: 200_000, countToday: 5 };
    for (const d of [
      evaluateOperation({ ...base, channel: 'COUNTER', amountFen: 5_000_000, usage }),
      evaluateOperation({ ...base, direction: 'IN', amountFen: 5_000_000, usage }),
    ]) {
      expect(d).toMatchObject({ allowed: true, countsTowardCap: false, remaining: { amountFen: 0, count: 0 } });
    }
  });

  it('never reports negative remaining when usage already passed a lowered cap', () => {
    const d = evaluateOperation({ ...base, amountFen: 1, usage: { amountFenToday: 300_000, countToday: 9 } });
    expect(d.remaining).toEqual({ amountFen: 0, count: 0 });
  });
});

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'NOT_A_DOMAIN_ERROR';
  }
  return undefined;
}

describe('input validation', () => {
  it.each([0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])('rejects amountFen %p', (amountFen) => {
    expect(codeOf(() => evaluateOperation({ level: null, direction: 'IN', channel: 'ATM', amountFen }))).toBe('INVALID_AMOUNT');
  });

  it('rejects bad usage and limits', () => {
    const base = { level: 'LIMITED_NON_COUNTER' as const, direction: 'OUT' as const, channel: 'ATM' as const, amountFen: 1 };
    expect(codeOf(() => evaluateOperation({ ...base, usage: { amountFenToday: -1, countToday: 0 } }))).toBe('INVALID_CAP_USAGE');
    expect(codeOf(() => evaluateOperation({ ...base, usage: { amountFenToday: 0, countToday: 0.5 } }))).toBe('INVALID_CAP_USAGE');
    expect(codeOf(() => evaluateOperation({ ...base, limits: { dailyAmountFen: 1.1, dailyCount: 1 } }))).toBe('INVALID_CAP_LIMITS');
    expect(codeOf(() => evaluateOperation({ ...base, limits: { dailyAmountFen: 1, dailyCount: -2 } }))).toBe('INVALID_CAP_LIMITS');
  });
});
