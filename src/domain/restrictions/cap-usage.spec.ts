import fc from 'fast-check';
import { DomainError } from '../domain-error.js';
import { DailyCapLedger, shanghaiDay } from './cap-usage.js';
import { evaluateOperation } from './check.js';
import { isDayKey, startOfShanghaiDay } from './shanghai-time.js';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'NOT_A_DOMAIN_ERROR';
  }
  return undefined;
}

describe('shanghaiDay', () => {
  it('switches day at 16:00 UTC (00:00 in Shanghai): boundary pair', () => {
    expect(shanghaiDay(new Date('2025-03-01T15:59:59.999Z'))).toBe('2025-03-01');
    expect(shanghaiDay(new Date('2025-03-01T16:00:00.000Z'))).toBe('2025-03-02');
    expect(shanghaiDay(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
    expect(shanghaiDay(new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
  });

  it('agrees with the Intl time-zone database for Asia/Shanghai', () => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    fc.assert(
      fc.property(fc.integer({ min: 694_224_000_000, max: 4_102_444_800_000 }), (ms) => {
        expect(shanghaiDay(new Date(ms))).toBe(intl.format(new Date(ms)));
      }),
    );
  });

  it('startOfShanghaiDay is the local midnight', () => {
    expect(startOfShanghaiDay(new Date('2025-03-01T15:59:59.999Z'))).toEqual(new Date('2025-02-28T16:00:00Z'));
    expect(startOfShanghaiDay(new Date('2025-03-01T16:00:00Z'))).toEqual(new Date('2025-03-01T16:00:00Z'));
  });

  it('rejects invalid dates and day keys', () => {
    expect(codeOf(() => shanghaiDay(new Date(Number.NaN)))).toBe('INVALID_DATE');
    expect(isDayKey('2025-02-29')).toBe(false);
    expect(isDayKey('2024-02-29')).toBe(true);
    expect(isDayKey('2024-2-29')).toBe(false);
  });
});

describe('DailyCapLedger', () => {
  it('counts each transaction id once', () => {
    const ledger = new DailyCapLedger();
    expect(ledger.apply('acct-1', 'tx-1', 50_000, '2025-03-01')).toEqual({ counted: true, usage: { amountFenToday: 50_000, countToday: 1 } });
    expect(ledger.apply('acct-1', 'tx-1', 50_000, '2025-03-01')).toEqual({ counted: false, usage: { amountFenToday: 50_000, countToday: 1 } });
    expect(ledger.apply('acct-1', 'tx-2', 20_000, '2025-03-01')).toEqual({ counted: true, usage: { amountFenToday: 70_000, countToday: 2 } });
    expect(ledger.hasCounted('acct-1', 'tx-1', '2025-03-01')).toBe(true);
    expect(ledger.hasCounted('acct-2', 'tx-1', '2025-03-01')).toBe(false);
  });

  it('keeps accounts and days apart', () => {
    const ledger = new DailyCapLedger();
    ledger.apply('acct-1', 'tx-1', 100, '2025-03-01');
    ledger.apply('acct-2', 'tx-1', 300, '2025-03-01');
    expect(ledger.usage('acct-1', '2025-03-01')).toEqual({ amountFenToday: 100, countToday: 1 });
    expect(ledger.usage('acct-2', '2025-03-01')).toEqual({ amountFenToday: 300, countToday: 1 });
    expect(ledger.usage('acct-1', '2025-03-02')).toEqual({ amountFenToday: 0, countToday: 0 });
    expect(ledger.usage('nobody', '2025-03-01')).toEqual({ amountFenToday: 0, countToday: 0 });
  });

  it('gives a retry the same answer as its first attempt, even when that attempt used the cap up', () => {
    const ledger = new DailyCapLedger();
    const day = '2025-03-01';
    const check = (txId: string, amountFen: number) => {
      const usage = ledger.usageExcluding('acct', day, txId);
      const d = evaluateOperation({ level: 'LIMITED_NON_COUNTER', direction: 'OUT', channel: 'MOBILE', amountFen, usage });
      if (d.countsTowardCap) ledger.apply('acct', txId, amountFen, day);
      return d;
    };
    expect(check('a', 150_000)).toMatchObject({ allowed: true, remaining: { amountFen: 50_000, count: 4 } });
    expect(check('b', 50_000)).toMatchObject({ allowed: true, remaining: { amountFen: 0, count: 3 } });
    expect(check('b', 50_000)).toMatchObject({ allowed: true, remaining: { amountFen: 0, count: 3 } });
    expect(check('c', 1)).toMatchObject({ allowed: false, reason: 'DAILY_AMOUNT_CAP_EXCEEDED' });
    expect(ledger.usage('acct', day)).toEqual({ amountFenToday: 200_000, countToday: 2 });
  });

  it('recognises a retry sent just after midnight', () => {
    const ledger = new DailyCapLedger();
    ledger.apply('acct', 'late', 100, '2025-03-01');
    expect(ledger.apply('acct', 'late', 100, '2025-03-02')).toEqual({ counted: false, usage: { amountFenToday: 0, countToday: 0 } });
    expect(ledger.apply('acct', 'fresh', 100, '2025-03-02').counted).toBe(true);
  });

  it('keeps at most today and the day before', () => {
    const ledger = new DailyCapLedger();
    ledger.apply('a', 't1', 100, '2025-03-01');
    ledger.apply('a', 't2', 100, '2025-03-02');
    expect(ledger.stats()).toEqual({ days: 2, accounts: 2, transactions: 2 });
    ledger.apply('a', 't3', 100, '2025-03-03');
    expect(ledger.stats()).toEqual({ days: 2, accounts: 2, transactions: 2 });
    expect(ledger.usage('a', '2025-03-01')).toEqual({ amountFenToday: 0, countToday: 0 });
    ledger.prune('2025-03-10');
    expect(ledger.stats()).toEqual({ days: 0, accounts: 0, transactions: 0 });
    // A day the ledger no longer keeps is not counted.
    expect(ledger.apply('a', 't4', 100, '2025-03-05')).toEqual({ counted: false, usage: { amountFenToday: 0, countToday: 0 } });
    // ...but yesterday still is.
    expect(ledger.apply('a', 't5', 100, '2025-03-09').counted).toBe(true);
    // prune never moves today backwards.
    ledger.prune('2025-03-01');
    expect(ledger.usage('a', '2025-03-09')).toEqual({ amountFenToday: 100, countToday: 1 });
  });

  it('crosses month and year ends', () => {
    const ledger = new DailyCapLedger();
    ledger.apply('a', 't', 100, '2024-12-31');
    expect(ledger.apply('a', 't', 100, '2025-01-01').counted).toBe(false);
    const leap = new DailyCapLedger();
    leap.apply('a', 'u', 100, '2024-02-29');
    expect(leap.apply('a', 'u', 100, '2024-03-01').counted).toBe(false);
    leap.apply('a', 'v', 100, '2024-03-01');
    expect(leap.stats()).toEqual({ days: 2, accounts: 2, transactions: 2 });
  });

  it('rejects bad input', () => {
    const ledger = new DailyCapLedger();
    expect(codeOf(() => ledger.apply('', 'tx', 1, '2025-03-01'))).toBe('INVALID_TRANSACTION_ID');
    expect(codeOf(() => ledger.apply('a', '', 1, '2025-03-01'))).toBe('INVALID_TRANSACTION_ID');
    expect(codeOf(() => ledger.apply('a', 'tx', 0, '2025-03-01'))).toBe('INVALID_AMOUNT');
    expect(codeOf(() => ledger.apply('a', 'tx', 0.5, '2025-03-01'))).toBe('INVALID_AMOUNT');
    expect(codeOf(() => ledger.apply('a', 'tx', 1, '2025-13-01'))).toBe('INVALID_DAY');
    expect(codeOf(() => ledger.prune('yesterday'))).toBe('INVALID_DAY');
  });

  it('property: usage equals the sum over distinct transaction ids, whatever the retries', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ tx: fc.integer({ min: 0, max: 20 }), amount: fc.integer({ min: 1, max: 100_000 }) })), (ops) => {
        const ledger = new DailyCapLedger();
        const first = new Map<number, number>();
        for (const op of ops) {
          const r = ledger.apply('acct', `tx-${op.tx}`, op.amount, '2025-03-01');
          expect(r.counted).toBe(!first.has(op.tx));
          if (!first.has(op.tx)) first.set(op.tx, op.amount);
        }
        const sum = [...first.values()].reduce((a, b) => a + b, 0);
        expect(ledger.usage('acct', '2025-03-01')).toEqual({ amountFenToday: sum, countToday: first.size });
      }),
    );
  });
});
