import fc from 'fast-check';
import { ActivityWindow, type ActivityCounts, type ActivityEvent, type ActivityWindowQuery } from './activity-window.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 21, 2);

function event(over: Partial<ActivityEvent> & { key: string }): ActivityEvent {
  return { kind: 'ACCOUNT', institutionId: 'bank-b', holderKey: 'h1', phoneKey: null, deviceKey: null, addressKey: null, at: T0 - DAY, ...over };
}

function query(over: Partial<ActivityWindowQuery> = {}): ActivityWindowQuery {
  return { institutionId: 'bank-a', holderKey: 'h1', phoneKey: null, deviceKey: null, addressKey: null, crossBankSince: T0 - 7 * DAY, sharedSince: T0 - 30 * DAY, until: T0, ...over };
}

/** The counts as the SQL statement defines them, by brute force over every event. */
function reference(events: readonly ActivityEvent[], q: ActivityWindowQuery): ActivityCounts {
  const inCross = (e: ActivityEvent): boolean => e.holderKey === q.holderKey && e.at >= q.crossBankSince && e.at <= q.until;
  const accounts = events.filter((e) => inCross(e) && e.kind === 'ACCOUNT' && e.institutionId !== q.institutionId).length;
  const applied = new Set(
    events
      .filter((e) => inCross(e) && e.kind === 'APPLICATION' && e.institutionId !== q.institutionId)
      .filter((s) => !events.some((a) => inCross(a) && a.kind === 'ACCOUNT' && a.institutionId === s.institutionId))
      .map((s) => s.institutionId),
  );
  const shared = (column: 'phoneKey' | 'deviceKey' | 'addressKey'): number =>
    q[column] === null ? 0 : new Set(events.filter((e) => e[column] === q[column] && e.at >= q.sharedSince && e.at <= q.until && e.holderKey !== q.holderKey).map((e) => e.holderKey)).size;
  return { openedOrAppliedElsewhere: accounts + applied.size, phoneApplicants: shared('phoneKey'), deviceApplicants: shared('deviceKey'), addressApplicants: shared('addressKey') };
}

describe('ActivityWindow', () => {
  it('counts accounts elsewhere, and other institutions applied to without an account there', () => {
    const w = new ActivityWindow(T0 - 60 * DAY);
    w.add(event({ key: 'A:1', institutionId: 'bank-b' }));
    w.add(event({ key: 'A:2', institutionId: 'bank-a' }));
    w.add(event({ key: 'S:1', kind: 'APPLICATION', institutionId: 'bank-b' }));
    w.add(event({ key: 'S:2', kind: 'APPLICATION', institutionId: 'bank-c' }));
    w.add(event({ key: 'S:3', kind: 'APPLICATION', institutionId: 'bank-c' }));
    w.add(event({ key: 'S:4', kind: 'APPLICATION', institutionId: 'bank-a' }));
    expect(w.counts(query()).openedOrAppliedElsewhere).toBe(2);
  });

  it('counts the window closed at both ends', () => {
    const w = new ActivityWindow(T0 - 60 * DAY);
    w.add(event({ key: 'A:edge', at: T0 - 7 * DAY }));
    w.add(event({ key: 'A:now', at: T0 }));
    w.add(event({ key: 'A:before', at: T0 - 7 * DAY - 1 }));
    w.add(event({ key: 'A:after', at: T0 + 1 }));
    expect(w.counts(query()).openedOrAppliedElsewhere).toBe(2);
  });

  it('counts distinct other holders of a phone, not the applicant', () => {
    const w = new ActivityWindow(T0 - 60 * DAY);
    w.add(event({ key: 'A:1', holderKey: 'h2', phoneKey: 'p' }));
    w.add(event({ key: 'S:1', kind: 'APPLICATION', holderKey: 'h2', phoneKey: 'p' }));
    w.add(event({ key: 'S:2', kind: 'APPLICATION', holderKey: 'h3', phoneKey: 'p', institutionId: 'bank-a' }));
    w.add(event({ key: 'S:3', kind: 'APPLICATION', holderKey: 'h1', phoneKey: 'p' }));
    w.add(event({ key: 'S:4', kind: 'APPLICATION', holderKey: 'h4', phoneKey: 'p', at: T0 - 31 * DAY }));
    expect(w.counts(query({ phoneKey: 'p' })).phoneApplicants).toBe(2);
    expect(w.counts(query()).phoneApplicants).toBe(0);
  });

  it('replaces an account re-reported with other identifiers', () => {
    const w = new ActivityWindow(T0 - 60 * DAY);
    w.add(event({ key: 'A:1', holderKey: 'h2', deviceKey: 'd1' }));
    w.add(event({ key: 'A:1', holderKey: 'h2', deviceKey: 'd2' }));
    expect(w.size).toBe(1);
    expect(w.counts(query({ deviceKey: 'd1' })).deviceApplicants).toBe(0);
    expect(w.counts(query({ deviceKey: 'd2' })).deviceApplicants).toBe(1);
  });

  it('drops what falls before the held span, and says which windows it covers', () => {
    const w = new ActivityWindow(T0 - 60 * DAY);
    w.add(event({ key: 'A:old', at: T0 - 50 * DAY, addressKey: 'x', holderKey: 'h9' }));
    w.add(event({ key: 'A:new', at: T0 - DAY, addressKey: 'x', holderKey: 'h8' }));
    w.add(event({ key: 'A:older', at: T0 - 61 * DAY }));
    expect(w.size).toBe(2);
    expect(w.evictBefore(T0 - 40 * DAY)).toBe(1);
    expect(w.coversSince(T0 - 40 * DAY)).toBe(true);
    expect(w.coversSince(T0 - 40 * DAY - 1)).toBe(false);
    expect(w.counts(query({ addressKey: 'x', sharedSince: T0 - 40 * DAY })).addressApplicants).toBe(1);
    w.add(event({ key: 'A:new', at: T0 - 45 * DAY, addressKey: 'x', holderKey: 'h8' }));
    expect(w.size).toBe(0);
  });

  it('still counts right after dropping most of what it held (the arrays compacted)', () => {
    const holders = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
    const events = fc.sample(
      fc.record({
        n: fc.integer({ min: 0, max: 5000 }),
        institutionId: fc.constantFrom('bank-a', 'bank-b', 'bank-c'),
        holderKey: fc.constantFrom(...holders),
        phoneKey: fc.option(fc.constantFrom('p1', 'p2', 'p3'), { nil: null }),
        days: fc.integer({ min: 0, max: 39 }),
      }),
      { numRuns: 4000, seed: 42 },
    ).map((r): ActivityEvent => ({ key: `A:${r.n}`, kind: r.n % 2 === 0 ? 'ACCOUNT' : 'APPLICATION', institutionId: r.institutionId, holderKey: r.holderKey, phoneKey: r.phoneKey, deviceKey: null, addressKey: null, at: T0 - r.days * DAY - (r.n % 1000) }));
    const w = new ActivityWindow(T0 - 40 * DAY);
    const latest = new Map<string, ActivityEvent>();
    for (const e of events) {
      w.add(e);
      latest.set(e.key, e);
    }
    w.evictBefore(T0 - 5 * DAY);
    const held = [...latest.values()].filter((e) => e.at >= T0 - 5 * DAY);
    expect(w.size).toBe(held.length);
    for (const holderKey of holders) {
      for (const phoneKey of ['p1', 'p2', 'p3']) {
        const q = query({ holderKey, phoneKey, crossBankSince: T0 - 4 * DAY, sharedSince: T0 - 5 * DAY });
        expect(w.counts(q)).toEqual(reference(held, q));
      }
    }
    // Filed anew after the compaction, and found.
    w.add(event({ key: 'A:new', holderKey: 'h9', phoneKey: 'p1', at: T0 - DAY }));
    expect(w.counts(query({ holderKey: 'h1', phoneKey: 'p1' })).phoneApplicants).toBe(reference([...held, event({ key: 'A:new', holderKey: 'h9', phoneKey: 'p1', at: T0 - DAY })], query({ holderKey: 'h1', phoneKey: 'p1' })).phoneApplicants);
  });

  it('agrees with the statement it replaces on random histories', () => {
    const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
    const optional = (xs: readonly string[]) => fc.option(pick(xs), { nil: null });
    const anEvent = fc.record({
      key: pick(['A:1', 'A:2', 'A:3', 'A:4', 'S:1', 'S:2', 'S:3', 'S:4', 'S:5', 'S:6']),
      institutionId: pick(['bank-a', 'bank-b', 'bank-c']),
      holderKey: pick(['h1', 'h2', 'h3', 'h4']),
      phoneKey: optional(['p1', 'p2']),
      deviceKey: optional(['d1', 'd2']),
      addressKey: optional(['x1', 'x2']),
      at: fc.integer({ min: -40, max: 2 }).map((d) => T0 + d * DAY),
    });
    const aQuery = fc.record({
      institutionId: pick(['bank-a', 'bank-b', 'bank-c']),
      holderKey: pick(['h1', 'h2', 'h3', 'h4']),
      phoneKey: optional(['p1', 'p2']),
      deviceKey: optional(['d1', 'd2']),
      addressKey: optional(['x1', 'x2']),
      crossBankSince: fc.integer({ min: -30, max: 0 }).map((d) => T0 + d * DAY),
      sharedSince: fc.integer({ min: -30, max: 0 }).map((d) => T0 + d * DAY),
      until: fc.integer({ min: -5, max: 2 }).map((d) => T0 + d * DAY),
    });
    fc.assert(
      fc.property(fc.array(anEvent, { maxLength: 30 }), fc.array(aQuery, { minLength: 1, maxLength: 5 }), (raw, queries) => {
        const w = new ActivityWindow(T0 - 30 * DAY);
        const latest = new Map<string, ActivityEvent>();
        for (const r of raw) {
          const e: ActivityEvent = { ...r, kind: r.key.startsWith('A:') ? 'ACCOUNT' : 'APPLICATION' };
          w.add(e);
          latest.set(e.key, e);
        }
        const held = [...latest.values()].filter((e) => e.at >= T0 - 30 * DAY);
        expect(w.size).toBe(held.length);
        for (const q of queries) expect(w.counts(q)).toEqual(reference(held, q));
      }),
      { numRuns: 2000 },
    );
  });
});
