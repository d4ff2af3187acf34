import { effectiveRestriction, isOrderInForce, type RestrictionOrderView } from './effective.js';

const t0 = new Date('2025-06-01T00:00:00Z');
const at = (minutes: number): Date => new Date(t0.getTime() + minutes * 60_000);

function order(id: string, patch: Partial<RestrictionOrderView> = {}): RestrictionOrderView {
  return { id, level: 'ENHANCED_MONITORING', status: 'ACTIVE', effectiveFrom: at(-60), expiresAt: null, target: 'ACCOUNT', ...patch };
}

describe('effectiveRestriction', () => {
  it('is unrestricted with no orders', () => {
    expect(effectiveRestriction([], t0)).toEqual({
      level: null,
      orderIds: [],
      flagged: false,
      noNewAccounts: false,
      noNewAccountsOrderIds: [],
      nextChangeAt: null,
    });
  });

  it('takes the most severe order in force across account, person and entity orders', () => {
    const r = effectiveRestriction(
      [
        order('a1', { level: 'LIMITED_NON_COUNTER', target: 'ACCOUNT' }),
        order('p1', { level: 'NON_COUNTER_SUSPENDED', target: 'PERSON' }),
        order('e1', { level: 'ENHANCED_MONITORING', target: 'ENTITY' }),
      ],
      t0,
    );
    expect(r).toMatchObject({ level: 'NON_COUNTER_SUSPENDED', orderIds: ['p1'], flagged: true });
  });

  it('names every order in force at the winning level, sorted', () => {
    const r = effectiveRestriction(
      [
        order('z', { level: 'RECEIVE_ONLY', target: 'PERSON' }),
        order('m', { level: 'ENHANCED_MONITORING' }),
        order('b', { level: 'RECEIVE_ONLY' }),
      ],
      t0,
    );
    expect(r).toMatchObject({ level: 'RECEIVE_ONLY', orderIds: ['b', 'z'] });
  });

  it('ignores orders not yet effective, and reports when the first one starts', () => {
    const r = effectiveRestriction(
      [
        order('now', { level: 'ENHANCED_MONITORING' }),
        order('soon', { level: 'FROZEN', effectiveFrom: at(1) }),
        order('later', { level: 'FROZEN', effectiveFrom: at(5) }),
      ],
      t0,
    );
    expect(r).toMatchObject({ level: 'ENHANCED_MONITORING', orderIds: ['now'], nextChangeAt: at(1) });
    // Boundary pair on the start instant.
    const soon = [order('soon', { level: 'FROZEN', effectiveFrom: at(1) })];
    expect(effectiveRestriction(soon, new Date(at(1).getTime() - 1)).level).toBeNull();
    expect(effectiveRestriction(soon, at(1)).level).toBe('FROZEN');
  });

  it('ignores orders expired by the clock even when stored as ACTIVE', () => {
    const frozen = order('f', { level: 'FROZEN', effectiveFrom: at(-60), expiresAt: at(0) });
    const monitor = order('m', { level: 'ENHANCED_MONITORING', expiresAt: at(30) });
    expect(effectiveRestriction([frozen, monitor], new Date(t0.getTime() - 1))).toMatchObject({
      level: 'FROZEN',
      orderIds: ['f'],
      nextChangeAt: t0,
    });
    expect(effectiveRestriction([frozen, monitor], t0)).toMatchObject({ level: 'ENHANCED_MONITORING', orderIds: ['m'], nextChangeAt: at(30) });
  });

  it('ignores pending, lifted, expired and superseded orders', () => {
    const r = effectiveRestriction(
      (['PENDING_APPROVAL', 'LIFTED', 'EXPIRED', 'SUPERSEDED'] as const).map((status) => order(status, { status, level: 'FROZEN' })),
      t0,
    );
    expect(r.level).toBeNull();
    // A pending order's start is not a scheduled change: it needs approval first.
    expect(effectiveRestriction([order('p', { status: 'PENDING_APPROVAL', effectiveFrom: at(5) })], t0).nextChangeAt).toBeNull();
  });

  it('keeps NO_NEW_ACCOUNTS off the ladder', () => {
    const r = effectiveRestriction([order('n', { level: 'NO_NEW_ACCOUNTS', target: 'PERSON', expiresAt: at(10) })], t0);
    expect(r).toEqual({
      level: null,
      orderIds: [],
      flagged: false,
      noNewAccounts: true,
      noNewAccountsOrderIds: ['n'],
      nextChangeAt: at(10),
    });
  });

  it('isOrderInForce needs approval, a start in the past and no expiry yet', () => {
    expect(isOrderInForce(order('x'), t0)).toBe(true);
    expect(isOrderInForce(order('x', { status: 'PENDING_APPROVAL' }), t0)).toBe(false);
    expect(isOrderInForce(order('x', { effectiveFrom: at(1) }), t0)).toBe(false);
    expect(isOrderInForce(order('x', { expiresAt: t0 }), t0)).toBe(false);
  });
});
