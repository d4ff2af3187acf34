import fc from 'fast-check';
import { DomainError } from '../domain-error.js';
import {
  LIST_ENTRY_EXPIRY,
  ORDER_EXPIRY,
  addTermYears,
  chainTerm,
  consecutiveRuns,
  deriveStatus,
  jointPunishmentTerm,
  protectiveStopPaymentTerm,
  type Term,
} from './terms.js';

/** An instant written in Shanghai local time. */
const sh = (local: string): Date => new Date(`${local}+08:00`);
const DAY = 86_400_000;

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'NOT_A_DOMAIN_ERROR';
  }
  return undefined;
}

describe('joint punishment terms', () => {
  it('gives 3 years to convicted persons and 2 to card sellers, ending at Shanghai midnight', () => {
    expect(jointPunishmentTerm('CONVICTED', sh('2024-12-01T00:00:00'))).toEqual({
      from: sh('2024-12-01T00:00:00'),
      to: sh('2027-12-01T00:00:00'),
    });
    expect(jointPunishmentTerm('CARD_SELLER', sh('2024-12-01T00:00:00')).to).toEqual(sh('2026-12-01T00:00:00'));
  });

  it('does not count the starting day unless the term starts at 00:00 (Civil Code art. 201)', () => {
    expect(jointPunishmentTerm('CONVICTED', sh('2024-12-01T10:30:00')).to).toEqual(sh('2027-12-02T00:00:00'));
    expect(jointPunishmentTerm('CONVICTED', sh('2024-12-01T23:59:59.999')).to).toEqual(sh('2027-12-02T00:00:00'));
    // 00:00 Shanghai is 16:00 UTC the day before: the day boundary is local, not UTC.
    expect(jointPunishmentTerm('CARD_SELLER', new Date('2024-11-30T16:00:00Z')).to).toEqual(new Date('2026-11-30T16:00:00Z'));
  });

  it('ends a term whose anniversary is Feb 29 in a common year at the end of Feb 28', () => {
    // First full day Feb 29: the last day is Feb 28, ending at 24:00 = Mar 1 00:00.
    expect(addTermYears(sh('2024-02-29T00:00:00'), 3)).toEqual(sh('2027-03-01T00:00:00'));
    // Starting during Feb 28: first full day Feb 29, same answer.
    expect(addTermYears(sh('2024-02-28T09:00:00'), 3)).toEqual(sh('2027-03-01T00:00:00'));
    // Starting during Feb 29: the day of the event is Feb 29, so the last day is again Feb 28
    // (no Feb 29 in 2026) and the first full day, Mar 1, gives the same end.
    expect(addTermYears(sh('2024-02-29T09:00:00'), 2)).toEqual(sh('2026-03-01T00:00:00'));
    // In a leap target year Feb 29 exists.
    expect(addTermYears(sh('2024-02-29T00:00:00'), 4)).toEqual(sh('2028-02-29T00:00:00'));
    // Feb 28 in a common year is unaffected.
    expect(addTermYears(sh('2025-02-28T00:00:00'), 3)).toEqual(sh('2028-02-28T00:00:00'));
  });

  it('rejects bad inputs', () => {
    expect(codeOf(() => addTermYears(new Date('nope'), 1))).toBe('INVALID_DATE');
    expect(codeOf(() => addTermYears(sh('2024-01-01T00:00:00'), 0))).toBe('INVALID_TERM_LENGTH');
    expect(codeOf(() => addTermYears(sh('2024-01-01T00:00:00'), 1.5))).toBe('INVALID_TERM_LENGTH');
  });
});

describe('protective stop-payment', () => {
  it('lasts 48 exact hours by default, configurable', () => {
    const from = sh('2025-03-01T13:45:10.123');
    expect(protectiveStopPaymentTerm(from)).toEqual({ from, to: new Date(from.getTime() + 48 * 3_600_000) });
    expect(protectiveStopPaymentTerm(from, 72).to).toEqual(sh('2025-03-04T13:45:10.123'));
    expect(codeOf(() => protectiveStopPaymentTerm(from, 0))).toBe('INVALID_TERM_LENGTH');
    expect(codeOf(() => protectiveStopPaymentTerm(from, -48))).toBe('INVALID_TERM_LENGTH');
  });
});

describe('consecutive runs', () => {
  const t = (from: string, to: string): Term => ({ from: sh(from), to: sh(to) });

  it('joins overlapping and exactly abutting terms, separates any positive gap', () => {
    const runs = consecutiveRuns([
      t('2026-01-01T00:00:00', '2027-01-01T00:00:00'),
      t('2020-01-01T00:00:00', '2022-01-01T00:00:00'),
      t('2022-01-01T00:00:00', '2024-01-01T00:00:00'), // abuts: joins
      t('2023-06-01T00:00:00', '2023-07-01T00:00:00'), // inside: joins
      t('2024-01-01T00:00:00.001', '2025-01-01T00:00:00'), // 1 ms gap: separate
    ]);
    expect(runs).toEqual([
      t('2020-01-01T00:00:00', '2024-01-01T00:00:00'),
      t('2024-01-01T00:00:00.001', '2025-01-01T00:00:00'),
      t('2026-01-01T00:00:00', '2027-01-01T00:00:00'),
    ]);
  });

  it('rejects a term that ends before it starts', () => {
    expect(codeOf(() => consecutiveRuns([t('2024-01-02T00:00:00', '2024-01-01T00:00:00')]))).toBe('INVALID_TERM_INTERVAL');
  });
});

describe('chaining', () => {
  const start = sh('2024-12-01T00:00:00');

  it('starts a first term at the requested instant', () => {
    expect(chainTerm({ existing: [], requestedFrom: start, requestedYears: 3 })).toEqual({
      ok: true,
      from: start,
      to: sh('2027-12-01T00:00:00'),
      runStart: start,
      clipped: false,
    });
  });

  it('chains a new listing onto the end of the current run: 3y + 2y fits the 5-year cap exactly', () => {
    const first = jointPunishmentTerm('CONVICTED', start);
    const second = chainTerm({ existing: [first], requestedFrom: sh('2025-06-01T10:00:00'), requestedYears: 2 });
    expect(second).toEqual({ ok: true, from: first.to, to: sh('2029-12-01T00:00:00'), runStart: start, clipped: false });
  });

  it('also chains when the request comes exactly at the end of the run', () => {
    const first = jointPunishmentTerm('CARD_SELLER', start);
    const r = chainTerm({ existing: [first], requestedFrom: first.to, requestedYears: 2 });
    expect(r).toMatchObject({ ok: true, from: first.to, runStart: start });
  });

  it('clips a chained term at 5 years from the start of the run', () => {
    const first = jointPunishmentTerm('CONVICTED', start);
    const r = chainTerm({ existing: [first], requestedFrom: start, requestedYears: 3 });
    expect(r).toEqual({ ok: true, from: first.to, to: sh('2029-12-01T00:00:00'), runStart: start, clipped: true });
  });

  it('refuses with TERM_CAP_REACHED once the run has reached the cap', () => {
    const a = jointPunishmentTerm('CONVICTED', start);
    const b = { from: a.to, to: sh('2029-12-01T00:00:00') };
    const r = chainTerm({ existing: [b, a], requestedFrom: sh('2029-01-01T00:00:00'), requestedYears: 2 });
    expect(r).toEqual({
      ok: false,
      code: 'TERM_CAP_REACHED',
      from: b.to,
      to: b.to,
      runStart: start,
      capEnd: sh('2029-12-01T00:00:00'),
    });
  });

  it('starts a new run after a gap, with a fresh cap', () => {
    const a = jointPunishmentTerm('CONVICTED', start);
    const later = new Date(a.to.getTime() + 1);
    const r = chainTerm({ existing: [a], requestedFrom: later, requestedYears: 3 });
    expect(r).toMatchObject({ ok: true, from: later, runStart: later, clipped: false });
  });

  it('refuses a term that would bridge into a later run and pass the cap', () => {
    const future = { from: sh('2026-01-01T00:00:00'), to: sh('2030-06-01T00:00:00') };
    const r = chainTerm({ existing: [future], requestedFrom: sh('2025-01-01T00:00:00'), requestedYears: 2 });
    expect(r).toMatchObject({ ok: false, code: 'TERM_CAP_REACHED' });
    // Within the cap the bridge is fine.
    const shortFuture = { from: sh('2026-01-01T00:00:00'), to: sh('2027-01-01T00:00:00') };
    expect(chainTerm({ existing: [shortFuture], requestedFrom: sh('2025-01-01T00:00:00'), requestedYears: 2 })).toMatchObject({
      ok: true,
      from: sh('2025-01-01T00:00:00'),
      to: sh('2027-01-01T00:00:00'),
    });
  });

  it('honours a custom cap and validates its inputs', () => {
    expect(chainTerm({ existing: [], requestedFrom: start, requestedYears: 3, capYears: 1 })).toMatchObject({
      ok: true,
      to: sh('2025-12-01T00:00:00'),
      clipped: true,
    });
    expect(codeOf(() => chainTerm({ existing: [], requestedFrom: start, requestedYears: 0 }))).toBe('INVALID_TERM_LENGTH');
    expect(codeOf(() => chainTerm({ existing: [], requestedFrom: start, requestedYears: 1, capYears: 0 }))).toBe('INVALID_TERM_LENGTH');
  });
});

// 2000-01-01 .. 2060-01-01, whole milliseconds.
const instant = fc.integer({ min: 946_684_800_000, max: 2_840_140_800_000 }).map((ms) => new Date(ms));

describe('properties', () => {
  it('a chained run never passes 5 years from its start, however listings arrive', () => {
    const request = fc.record({
      // Requests land within a ~12-year window so that they overlap, abut and leave gaps.
      offsetDays: fc.integer({ min: 0, max: 4_400 }),
      offsetMs: fc.integer({ min: 0, max: DAY - 1 }),
      years: fc.constantFrom(2, 3),
      abut: fc.boolean(),
    });
    fc.assert(
      fc.property(instant, fc.array(request, { minLength: 1, maxLength: 12 }), (origin, requests) => {
        const terms: Term[] = [];
        for (const r of requests) {
          let requestedFrom = new Date(origin.getTime() + r.offsetDays * DAY + r.offsetMs);
          const last = terms[terms.length - 1];
          if (r.abut && last) requestedFrom = last.to;
          const result = chainTerm({ existing: terms, requestedFrom, requestedYears: r.years });
          if (result.ok) {
            expect(result.from.getTime()).toBeGreaterThanOrEqual(requestedFrom.getTime());
            expect(result.to.getTime()).toBeGreaterThan(result.from.getTime());
            expect(result.to.getTime()).toBeLessThanOrEqual(addTermYears(result.from, r.years).getTime());
            terms.push({ from: result.from, to: result.to });
          } else {
            expect(result.to).toEqual(result.from);
          }
          for (const run of consecutiveRuns(terms)) {
            expect(run.to.getTime()).toBeLessThanOrEqual(addTermYears(run.from, 5).getTime());
            // 5 calendar years plus at most the uncounted first day.
            expect(run.to.getTime() - run.from.getTime()).toBeLessThanOrEqual((5 * 366 + 1) * DAY);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('terms are monotonic in their start and in their length', () => {
    fc.assert(
      fc.property(instant, instant, fc.integer({ min: 1, max: 5 }), (a, b, years) => {
        const [early, late] = a.getTime() <= b.getTime() ? [a, b] : [b, a];
        expect(addTermYears(early, years).getTime()).toBeLessThanOrEqual(addTermYears(late, years).getTime());
        expect(addTermYears(early, years).getTime()).toBeLessThan(addTermYears(early, years + 1).getTime());
        const term = jointPunishmentTerm('CONVICTED', early);
        expect(term.to.getTime() - term.from.getTime()).toBeGreaterThanOrEqual(3 * 365 * DAY);
        expect(term.to.getTime() - term.from.getTime()).toBeLessThanOrEqual((3 * 366 + 1) * DAY);
      }),
    );
  });

  it('expiry boundary pair: expiresAt - 1 ms is still active, expiresAt is expired', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom('ACTIVE' as const, 'PENDING_APPROVAL' as const), (expiresAt, status) => {
        const order = { status, expiresAt };
        expect(deriveStatus(order, new Date(expiresAt.getTime() - 1), ORDER_EXPIRY)).toBe(status);
        expect(deriveStatus(order, expiresAt, ORDER_EXPIRY)).toBe('EXPIRED');
        expect(deriveStatus(order, new Date(expiresAt.getTime() + 1), ORDER_EXPIRY)).toBe('EXPIRED');
      }),
    );
  });
});

describe('deriveStatus', () => {
  const expiresAt = sh('2027-12-01T00:00:00');
  const after = sh('2028-01-01T00:00:00');

  it('keeps final statuses as stored', () => {
    for (const status of ['LIFTED', 'SUPERSEDED', 'EXPIRED'] as const) {
      expect(deriveStatus({ status, expiresAt }, after, ORDER_EXPIRY)).toBe(status);
    }
    expect(deriveStatus({ status: 'REVOKED', expiresAt }, after, LIST_ENTRY_EXPIRY)).toBe('REVOKED');
  });

  it('never expires a record without an expiry', () => {
    expect(deriveStatus({ status: 'ACTIVE', expiresAt: null }, after, ORDER_EXPIRY)).toBe('ACTIVE');
  });

  it('expires list entries, including ones under appeal', () => {
    expect(deriveStatus({ status: 'UNDER_APPEAL', expiresAt }, after, LIST_ENTRY_EXPIRY)).toBe('EXPIRED');
    expect(deriveStatus({ status: 'ACTIVE', expiresAt }, expiresAt, LIST_ENTRY_EXPIRY)).toBe('EXPIRED');
  });

  it('works with any status vocabulary', () => {
    type Appeal = 'OPEN' | 'OVERDUE' | 'CLOSED';
    const rule = { expiring: ['OPEN'] as const, expired: 'OVERDUE' as const };
    expect(deriveStatus<Appeal>({ status: 'OPEN', expiresAt }, after, rule)).toBe('OVERDUE');
    expect(deriveStatus<Appeal>({ status: 'CLOSED', expiresAt }, after, rule)).toBe('CLOSED');
  });
});
