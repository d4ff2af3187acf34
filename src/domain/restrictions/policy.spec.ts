import { DomainError } from '../domain-error.js';
import {
  DEFAULT_POLICIES,
  assertValidPolicy,
  policyProblems,
  proposeOrders,
  type AlertEvent,
  type NegativeListEntryEvent,
  type RestrictionPolicy,
} from './policy.js';

const t0 = new Date('2025-06-01T02:00:00Z');
const DAY = 86_400_000;
const acct = (n: string, bankCode = '102'): { bankCode: string; accountNumber: string } => ({ bankCode, accountNumber: n });

function entryEvent(patch: Partial<NegativeListEntryEvent> = {}): NegativeListEntryEvent {
  return {
    kind: 'NEGATIVE_LIST_ENTRY',
    id: 'evt-1',
    entryId: 'entry-1',
    occurredAt: t0,
    subject: { kind: 'PERSON', personId: 'person-1' },
    measures: ['NO_NEW_ACCOUNTS', 'NON_COUNTER_SUSPENDED'],
    effectiveFrom: t0,
    expiresAt: new Date('2027-06-02T16:00:00Z'),
    knownAccounts: [acct('6222000011112222'), acct('6217000033334444', '105')],
    ...patch,
  };
}

function alertEvent(patch: Partial<AlertEvent> = {}): AlertEvent {
  return {
    kind: 'ALERT',
    id: 'evt-9',
    alertId: 'alert-9',
    occurredAt: t0,
    detector: 'RAPID_PASS_THROUGH',
    severity: 'CRITICAL',
    account: acct('6222000099998888'),
    accountOpenedAt: new Date(t0.getTime() - 10 * DAY),
    holder: { kind: 'PERSON', personId: 'person-7' },
    ...patch,
  };
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'NOT_A_DOMAIN_ERROR';
  }
  return undefined;
}

describe('default policies', () => {
  it('are valid', () => {
    for (const policy of DEFAULT_POLICIES) expect(policyProblems(policy)).toEqual([]);
  });

  it('turn a person entry with both measures into a person-level NO_NEW_ACCOUNTS and NON_COUNTER_SUSPENDED for the entry term', () => {
    const event = entryEvent();
    expect(proposeOrders(DEFAULT_POLICIES, event)).toEqual([
      {
        policyId: 'default.entry.no-new-accounts',
        eventId: 'evt-1',
        basis: { kind: 'NEGATIVE_LIST_ENTRY', entryId: 'entry-1' },
        target: { kind: 'PERSON', personId: 'person-1' },
        level: 'NO_NEW_ACCOUNTS',
        effectiveFrom: t0,
        expiresAt: event.expiresAt,
        provisional: false,
      },
      {
        policyId: 'default.entry.non-counter-suspended',
        eventId: 'evt-1',
        basis: { kind: 'NEGATIVE_LIST_ENTRY', entryId: 'entry-1' },
        target: { kind: 'PERSON', personId: 'person-1' },
        level: 'NON_COUNTER_SUSPENDED',
        effectiveFrom: t0,
        expiresAt: event.expiresAt,
        provisional: false,
      },
    ]);
  });

  it('fires only the policy whose measure the entry carries', () => {
    const only = proposeOrders(DEFAULT_POLICIES, entryEvent({ measures: ['NO_NEW_ACCOUNTS'] }));
    expect(only.map((p) => p.level)).toEqual(['NO_NEW_ACCOUNTS']);
    expect(proposeOrders(DEFAULT_POLICIES, entryEvent({ measures: ['PAYMENT_ACCOUNT_SUSPENDED'] }))).toEqual([]);
  });

  it('puts company entries on the entity', () => {
    const proposals = proposeOrders(DEFAULT_POLICIES, entryEvent({ subject: { kind: 'ENTITY', uscc: '91350100M000100Y43' } }));
    expect(proposals.map((p) => p.target)).toEqual([
      { kind: 'ENTITY', uscc: '91350100M000100Y43' },
      { kind: 'ENTITY', uscc: '91350100M000100Y43' },
    ]);
  });

  it('puts an account entry on the account, and bars its holder only when known', () => {
    const subject = { kind: 'ACCOUNT' as const, account: acct('6222000055556666') };
    expect(proposeOrders(DEFAULT_POLICIES, entryEvent({ subject })).map((p) => [p.level, p.target])).toEqual([
      ['NON_COUNTER_SUSPENDED', { kind: 'ACCOUNT', bankCode: '102', accountNumber: '6222000055556666' }],
    ]);
    const withHolder = proposeOrders(DEFAULT_POLICIES, entryEvent({ subject, holder: { kind: 'PERSON', personId: 'p-3' } }));
    expect(withHolder.map((p) => [p.level, p.target.kind])).toEqual([
      ['NO_NEW_ACCOUNTS', 'PERSON'],
      ['NON_COUNTER_SUSPENDED', 'ACCOUNT'],
    ]);
  });

  it('proposes nothing for phone or device entries, or for an entry already over', () => {
    expect(proposeOrders(DEFAULT_POLICIES, entryEvent({ subject: { kind: 'OTHER' } }))).toEqual([]);
    expect(proposeOrders(DEFAULT_POLICIES, entryEvent({ expiresAt: t0 }))).toEqual([]);
    expect(proposeOrders(DEFAULT_POLICIES, entryEvent({ expiresAt: new Date(t0.getTime() + 1) }))).toHaveLength(2);
  });

  it('starts orders no earlier than the event, and keeps an entry with no expiry open-ended', () => {
    const past = new Date(t0.getTime() - 30 * DAY);
    const future = new Date(t0.getTime() + 30 * DAY);
    expect(proposeOrders(DEFAULT_POLICIES, entryEvent({ effectiveFrom: past }))[0]!.effectiveFrom).toEqual(t0);
    expect(proposeOrders(DEFAULT_POLICIES, entryEvent({ effectiveFrom: future }))[0]!.effectiveFrom).toEqual(future);
    expect(proposeOrders(DEFAULT_POLICIES, entryEvent({ expiresAt: null }))[0]!.expiresAt).toBeNull();
  });

  it('freezes a 10-day-old account for 48 hours on a CRITICAL pass-through, provisionally', () => {
    expect(proposeOrders(DEFAULT_POLICIES, alertEvent())).toEqual([
      {
        policyId: 'default.alert.critical-pass-through-new-account',
        eventId: 'evt-9',
        basis: { kind: 'ALERT', alertId: 'alert-9' },
        target: { kind: 'ACCOUNT', bankCode: '102', accountNumber: '6222000099998888' },
        level: 'FROZEN',
        effectiveFrom: t0,
        expiresAt: new Date(t0.getTime() + 48 * 3_600_000),
        provisional: true,
      },
    ]);
  });

  it('boundary pair on account age: 10 days fires, 10 days and 1 ms does not', () => {
    expect(proposeOrders(DEFAULT_POLICIES, alertEvent({ accountOpenedAt: new Date(t0.getTime() - 10 * DAY) }))).toHaveLength(1);
    expect(proposeOrders(DEFAULT_POLICIES, alertEvent({ accountOpenedAt: new Date(t0.getTime() - 10 * DAY - 1) }))).toEqual([]);
    expect(proposeOrders(DEFAULT_POLICIES, alertEvent({ accountOpenedAt: null }))).toEqual([]);
  });

  it('boundary pair on severity: HIGH does not fire, CRITICAL does; other detectors never', () => {
    expect(proposeOrders(DEFAULT_POLICIES, alertEvent({ severity: 'HIGH' }))).toEqual([]);
    expect(proposeOrders(DEFAULT_POLICIES, alertEvent({ severity: 'CRITICAL' }))).toHaveLength(1);
    expect(proposeOrders(DEFAULT_POLICIES, alertEvent({ detector: 'FAN_IN' }))).toEqual([]);
  });
});

describe('custom policies', () => {
  const fanIn: RestrictionPolicy = {
    id: 'bank.fan-in-high',
    trigger: { kind: 'ALERT', detector: 'FAN_IN', minSeverity: 'MEDIUM' },
    action: { level: 'LIMITED_NON_COUNTER', provisional: true },
  };

  it('fires at the minimum severity and above, with no term when none is set', () => {
    expect(proposeOrders([fanIn], alertEvent({ detector: 'FAN_IN', severity: 'LOW' }))).toEqual([]);
    const p = proposeOrders([fanIn], alertEvent({ detector: 'FAN_IN', severity: 'MEDIUM', accountOpenedAt: null }));
    expect(p).toMatchObject([{ policyId: 'bank.fan-in-high', level: 'LIMITED_NON_COUNTER', expiresAt: null }]);
    expect(proposeOrders([fanIn], alertEvent({ detector: 'FAN_IN', severity: 'HIGH' }))).toHaveLength(1);
  });

  it('skips disabled policies', () => {
    expect(proposeOrders([{ ...fanIn, enabled: false }], alertEvent({ detector: 'FAN_IN' }))).toEqual([]);
  });

  it('can restrict each known account of a listed person, without duplicates', () => {
    const policy: RestrictionPolicy = {
      id: 'each',
      trigger: { kind: 'NEGATIVE_LIST_ENTRY', measures: ['NON_COUNTER_SUSPENDED'] },
      action: { level: 'NON_COUNTER_SUSPENDED', termHours: 24, provisional: false, scope: 'EACH_KNOWN_ACCOUNT' },
    };
    const event = entryEvent({ knownAccounts: [acct('1'), acct('2', '105'), acct('1')] });
    const proposals = proposeOrders([policy], event);
    expect(proposals.map((p) => p.target)).toEqual([
      { kind: 'ACCOUNT', bankCode: '102', accountNumber: '1' },
      { kind: 'ACCOUNT', bankCode: '105', accountNumber: '2' },
    ]);
    // termFromBasis is not set: the hours apply.
    expect(proposals[0]!.expiresAt).toEqual(new Date(t0.getTime() + 24 * 3_600_000));
  });

  it('takes the basis term over hours when asked, and falls back to hours without one', () => {
    const policy: RestrictionPolicy = {
      id: 'basis',
      trigger: { kind: 'NEGATIVE_LIST_ENTRY', measures: ['NON_COUNTER_SUSPENDED'] },
      action: { level: 'RECEIVE_ONLY', termHours: 24, termFromBasis: true, provisional: false },
    };
    const event = entryEvent();
    expect(proposeOrders([policy], event)[0]!.expiresAt).toEqual(event.expiresAt);
    expect(proposeOrders([policy], entryEvent({ expiresAt: null }))[0]!.expiresAt).toEqual(new Date(t0.getTime() + 24 * 3_600_000));
  });

  it('can bar the holder of an alerted account', () => {
    const policy: RestrictionPolicy = {
      id: 'holder',
      trigger: { kind: 'ALERT', detector: 'RAPID_PASS_THROUGH', minSeverity: 'HIGH' },
      action: { level: 'NO_NEW_ACCOUNTS', termHours: 72, provisional: true },
    };
    expect(proposeOrders([policy], alertEvent()).map((p) => p.target)).toEqual([{ kind: 'PERSON', personId: 'person-7' }]);
    expect(proposeOrders([policy], alertEvent({ holder: undefined }))).toEqual([]);
  });

  it('never mixes trigger kinds', () => {
    expect(proposeOrders([fanIn], entryEvent())).toEqual([]);
    expect(proposeOrders(DEFAULT_POLICIES.slice(0, 2), alertEvent())).toEqual([]);
  });
});

describe('policy validation', () => {
  it.each<[string, RestrictionPolicy]>([
    ['empty id', { id: '', trigger: { kind: 'ALERT', detector: 'X', minSeverity: 'LOW' }, action: { level: 'FROZEN', provisional: true } }],
    ['no measures', { id: 'a', trigger: { kind: 'NEGATIVE_LIST_ENTRY', measures: [] }, action: { level: 'FROZEN', provisional: true } }],
    ['bad severity', { id: 'a', trigger: { kind: 'ALERT', detector: 'X', minSeverity: 'SEVERE' as 'LOW' }, action: { level: 'FROZEN', provisional: true } }],
    ['bad age', { id: 'a', trigger: { kind: 'ALERT', detector: 'X', minSeverity: 'LOW', maxAccountAgeDays: -1 }, action: { level: 'FROZEN', provisional: true } }],
    ['bad level', { id: 'a', trigger: { kind: 'ALERT', detector: 'X', minSeverity: 'LOW' }, action: { level: 'BLOCKED' as 'FROZEN', provisional: true } }],
    ['bad hours', { id: 'a', trigger: { kind: 'ALERT', detector: 'X', minSeverity: 'LOW' }, action: { level: 'FROZEN', termHours: 1.5, provisional: true } }],
    [
      'no-new-accounts per account',
      { id: 'a', trigger: { kind: 'ALERT', detector: 'X', minSeverity: 'LOW' }, action: { level: 'NO_NEW_ACCOUNTS', provisional: true, scope: 'EACH_KNOWN_ACCOUNT' } },
    ],
  ])('rejects %s', (_label, policy) => {
    expect(policyProblems(policy)).not.toEqual([]);
    expect(codeOf(() => assertValidPolicy(policy))).toBe('INVALID_POLICY');
    expect(codeOf(() => proposeOrders([policy], alertEvent()))).toBe('INVALID_POLICY');
  });
});
