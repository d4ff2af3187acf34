import { DEFAULT_DAILY_LIMITS, type OrderStatus, type RestrictionMeasure } from '../../domain/restrictions/index.js';
import { accountKeyOf, RestrictionView, type ViewOrder } from './restriction-view.js';

const T0 = Date.parse('2026-11-21T02:00:00.000Z');
const HOUR = 3_600_000;
const A1 = accountKeyOf('B1', '600001');
const A2 = accountKeyOf('B2', '600002');

function order(id: string, level: RestrictionMeasure, over: Partial<ViewOrder> = {}): ViewOrder {
  return { id, level, status: 'ACTIVE', effectiveFrom: new Date(T0), expiresAt: new Date(T0 + 48 * HOUR), target: 'ACCOUNT', version: 1, accountKey: A1, holderKey: null, limits: null, ...over };
}

function personOrder(id: string, level: RestrictionMeasure, holderKey: string, over: Partial<ViewOrder> = {}): ViewOrder {
  return order(id, level, { target: 'PERSON', accountKey: null, holderKey, ...over });
}

describe('RestrictionView', () => {
  it('answers unrestricted for accounts it does not hold', () => {
    const v = new RestrictionView();
    expect(v.effective(A1, T0)).toMatchObject({ level: null, orderIds: [], limits: DEFAULT_DAILY_LIMITS });
  });

  it('takes the most severe of the account\u2019s own and its holder\u2019s orders', () => {
    const v = new RestrictionView();
    v.apply(order('o1', 'LIMITED_NON_COUNTER'));
    v.apply(personOrder('p1', 'RECEIVE_ONLY', 'h1'));
    v.setHolderAccounts('h1', [A1, A2]);
    expect(v.effective(A1, T0)).toMatchObject({ level: 'RECEIVE_ONLY', orderIds: ['p1'] });
    expect(v.effective(A2, T0)).toMatchObject({ level: 'RECEIVE_ONLY', orderIds: ['p1'] });
    v.apply(personOrder('p1', 'RECEIVE_ONLY', 'h1', { status: 'LIFTED', version: 2 }));
    expect(v.effective(A1, T0)).toMatchObject({ level: 'LIMITED_NON_COUNTER', orderIds: ['o1'] });
    expect(v.effective(A2, T0).level).toBeNull();
    // The holder left with its last order: its accounts are forgotten, the own order stays.
    expect(v.stats()).toEqual({ orders: 1, accounts: 1, holders: 0, holderAccounts: 0 });
  });

  it('lets expiry and start take effect from the clock, with no update', () => {
    const v = new RestrictionView();
    v.apply(order('o1', 'FROZEN'));
    v.apply(order('o2', 'LIMITED_NON_COUNTER', { effectiveFrom: new Date(T0 + HOUR), expiresAt: null }));
    expect(v.effective(A1, T0 + HOUR - 1)).toMatchObject({ level: 'FROZEN', orderIds: ['o1'] });
    expect(v.effective(A1, T0 + 48 * HOUR - 1).level).toBe('FROZEN');
    expect(v.effective(A1, T0 + 48 * HOUR)).toMatchObject({ level: 'LIMITED_NON_COUNTER', orderIds: ['o2'] });
  });

  it('ignores an older version arriving after a newer one, even after the order left', () => {
    const v = new RestrictionView();
    v.apply(order('o1', 'FROZEN', { version: 1 }));
    expect(v.apply(order('o1', 'FROZEN', { version: 3, status: 'LIFTED' as OrderStatus }))).toBe(true);
    expect(v.apply(order('o1', 'FROZEN', { version: 2 }))).toBe(false);
    expect(v.effective(A1, T0).level).toBeNull();
  });

  it('applies the strictest cap among limiting orders', () => {
    const v = new RestrictionView();
    v.apply(order('o1', 'LIMITED_NON_COUNTER', { limits: { dailyAmountFen: 100_000, dailyCount: 10 } }));
    v.apply(order('o2', 'LIMITED_NON_COUNTER', { limits: { dailyAmountFen: 500_000, dailyCount: 2 } }));
    expect(v.effective(A1, T0).limits).toEqual({ dailyAmountFen: 100_000, dailyCount: 2 });
  });

  it('restricts a holder\u2019s new account once recorded, and reports person measures', () => {
    const v = new RestrictionView();
    v.apply(personOrder('p1', 'NON_COUNTER_SUSPENDED', 'h1'));
    v.apply(personOrder('p2', 'NO_NEW_ACCOUNTS', 'h1'));
    v.setHolderAccounts('h1', [A1]);
    expect(v.addAccount(A2, 'h1')).toBe(true);
    expect(v.addAccount(A2, 'h1')).toBe(false);
    expect(v.addAccount(accountKeyOf('B3', '1'), 'nobody')).toBe(false);
    expect(v.effective(A2, T0)).toMatchObject({ level: 'NON_COUNTER_SUSPENDED', orderIds: ['p1'] });
    expect(v.personMeasures('h1', T0)).toEqual({ noNewAccounts: true, orderIds: ['p2'] });
    expect(v.personMeasures('h1', T0 + 48 * HOUR)).toEqual({ noNewAccounts: false, orderIds: [] });
  });
});
