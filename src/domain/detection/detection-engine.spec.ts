import fc from 'fast-check';
import { TestClock } from '../../../test/support/builders/clock.js';
import { T0, aTransfer, anAccount } from '../../../test/support/builders/transfer.builder.js';
import { makeResidentId } from '../identity/national-id-factory.js';
import { DetectionEngine, ageFromResidentId } from './detection-engine.js';
import { DEFAULT_DETECTION_PARAMS, detectionParams } from './detection-params.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './event-time.js';
import type { Finding } from './finding.js';
import { accountKey, type TransferEvent } from './transfer-event.js';

const MULE = anAccount(500);
const MULE_KEY = accountKey(MULE);

function detectors(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.detector).sort();
}

describe('DetectionEngine', () => {
  it('runs the inflow detectors on the creditor and the outflow detectors on the debtor', () => {
    const engine = new DetectionEngine();
    const clock = new TestClock(T0);
    for (let i = 0; i < 9; i++) {
      const r = engine.process(aTransfer().from(anAccount(i + 1)).to(MULE).amount('1000.00').at(clock.advance(MINUTE_MS).nowMs()).buildInternal());
      expect(r).toEqual({ status: 'ACCEPTED', findings: [] });
    }
    const tenth = engine.process(aTransfer().from(anAccount(10)).to(MULE).amount('1000.00').at(clock.advance(MINUTE_MS).nowMs()).buildInternal());
    expect(detectors(tenth.findings)).toEqual(['FAN_IN']);
    const out = engine.process(aTransfer().from(MULE).to(anAccount(900)).amount('9500.00').at(clock.advance(MINUTE_MS).nowMs()).buildInternal());
    expect(detectors(out.findings)).toEqual(['RAPID_PASS_THROUGH']);
    expect(out.findings[0]!.subjectAccounts).toEqual([MULE_KEY]);
  });

  it('gives DUPLICATE and LATE with no findings and changes nothing', () => {
    const engine = new DetectionEngine();
    const e = aTransfer().at(T0 + HOUR_MS).buildInternal();
    engine.process(e);
    expect(engine.process(e)).toEqual({ status: 'DUPLICATE', findings: [] });
    expect(engine.process(aTransfer().at(T0).buildInternal())).toEqual({ status: 'LATE', findings: [] });
    expect(engine.stats()).toMatchObject({ accounts: 2, entries: 2, accepted: 1, duplicates: 1, late: 1 });
  });

  it('rebuilds state without findings when detect is false, then detects as before', () => {
    const events = Array.from({ length: 10 }, (_, i) =>
      aTransfer().from(anAccount(i + 1)).to(MULE).amount('1000.00').at(T0 + i * MINUTE_MS).buildInternal(),
    );
    const live = new DetectionEngine();
    const replayed = new DetectionEngine();
    const liveFindings = events.map((e) => live.process(e).findings);
    for (const e of events.slice(0, 9)) expect(replayed.process(e, { detect: false }).findings).toHaveLength(0);
    expect(replayed.process(events[9]!).findings).toEqual(liveFindings[9]);
  });

  it('raises a victim warning graded by age (from the ID number) and repetition, one alert per sender and day', () => {
    const elderly = anAccount(1, '102100000001', { idNumber: makeResidentId({ divisionCode: '110105', birthDate: '1950-06-01' }) });
    const fraud = anAccount(666);
    const engine = new DetectionEngine(DEFAULT_DETECTION_PARAMS, {
      isListed: (c) => (accountKey(c) === accountKey(fraud) ? { reason: 'POLICE_REPORTED' } : false),
    });
    const first = engine.process(aTransfer().from(elderly).to(fraud).amount('500.00').at(T0).buildInternal());
    expect(first.findings).toHaveLength(1);
    expect(first.findings[0]).toMatchObject({
      detector: 'VICTIM_WARNING',
      severity: 'HIGH',
      subjectAccounts: [accountKey(elderly), accountKey(fraud)],
      aggregates: { grade: 'CALL', senderAgeYears: 74, listedReason: 'POLICE_REPORTED', priorWarnings: 0 },
    });
    const second = engine.process(aTransfer().from(elderly).to(fraud).amount('500.00').at(T0 + HOUR_MS).buildInternal());
    expect(second.findings[0]).toMatchObject({ severity: 'CRITICAL', aggregates: { grade: 'VISIT', priorWarnings: 1 } });
    expect(second.findings[0]!.dedupKey).toBe(first.findings[0]!.dedupKey);
    // Transfers to anyone else raise nothing.
    expect(engine.process(aTransfer().from(elderly).to(anAccount(7)).amount('500.00').at(T0 + 2 * HOUR_MS).buildInternal()).findings).toHaveLength(0);
  });

  it('takes prior warnings and ages from the host when given', () => {
    const engine = new DetectionEngine(DEFAULT_DETECTION_PARAMS, {
      isListed: () => true,
      senderAgeYears: () => 30,
      priorWarningsForSender: () => 3,
    });
    const r = engine.process(aTransfer().amount('100.00').at(T0).buildInternal());
    expect(r.findings[0]!.aggregates).toMatchObject({ grade: 'CALL', senderAgeYears: 30, priorWarnings: 3 });
  });

  it('without an isListed lookup raises no warnings', () => {
    expect(new DetectionEngine().process(aTransfer().amount('90000.00').at(T0).buildInternal()).findings).toHaveLength(0);
  });

  it('finds a cycle across accounts (the last hop is also a pass-through)', () => {
    const [a, b, c] = [anAccount(1), anAccount(2), anAccount(3)];
    const engine = new DetectionEngine();
    engine.process(aTransfer().from(a).to(b).amount('20000.00').at(T0).buildInternal());
    engine.process(aTransfer().from(b).to(c).amount('19800.00').at(T0 + MINUTE_MS).buildInternal());
    const r = engine.process(aTransfer().from(c).to(a).amount('19600.00').at(T0 + 2 * MINUTE_MS).buildInternal());
    expect(detectors(r.findings)).toEqual(['CYCLE', 'RAPID_PASS_THROUGH']);
  });

  it('sees cash split over one person\'s cards at several banks', () => {
    const idNumber = makeResidentId({ divisionCode: '440305', birthDate: '1990-01-01' });
    const cards = ['102100000001', '103100000026', '105100000017'].map((bank, i) => anAccount(i + 1, bank, { idNumber }));
    const engine = new DetectionEngine();
    const results = cards.map((card, i) =>
      engine.process(aTransfer().from(card).withdrawal().atAtm('ATM-1').inRegion('440305').amount('2000.00').at(T0 + i * HOUR_MS).buildInternal()),
    );
    expect(results[1]!.findings).toHaveLength(0);
    expect(results[2]!.findings).toHaveLength(1);
    expect(results[2]!.findings[0]).toMatchObject({ detector: 'CASH_OUT_MULTI', subjectAccounts: cards.map(accountKey) });
    expect(engine.stats()).toMatchObject({ accounts: 3, persons: 1, entries: 6 });
  });

  it('asks the opening-date and last-activity lookups once per window', () => {
    let opened = 0;
    let lastSeen = 0;
    const engine = new DetectionEngine(DEFAULT_DETECTION_PARAMS, {
      accountOpenedAt: () => {
        opened++;
        return T0 - 3 * DAY_MS;
      },
      lastActivityBefore: () => {
        lastSeen++;
        return undefined;
      },
    });
    const results = [0, 1, 2].map((i) => engine.process(aTransfer().from(MULE).to(anAccount(9)).amount('20000.00').at(T0 + i * HOUR_MS).buildInternal()));
    expect(opened).toBe(2);
    expect(lastSeen).toBe(2);
    expect(detectors(results[2]!.findings)).toEqual(['NEW_ACCOUNT_LARGE', 'NEW_ACCOUNT_LARGE']);
  });

  it('wakes a dormant account from the host\'s last-activity record', () => {
    const engine = new DetectionEngine(DEFAULT_DETECTION_PARAMS, {
      lastActivityBefore: (k) => (k === MULE_KEY ? T0 - 400 * DAY_MS : undefined),
    });
    engine.process(aTransfer().from(anAccount(1)).to(MULE).amount('1.00').at(T0).buildInternal());
    const r = engine.process(aTransfer().from(anAccount(2)).to(MULE).amount('60000.00').at(T0 + HOUR_MS).buildInternal());
    expect(r.findings.map((f) => [f.detector, f.subjectAccounts[0]])).toEqual([['DORMANT_REACTIVATED', MULE_KEY]]);
  });

  it('evicts idle accounts and reports their last activity', () => {
    const evicted: string[] = [];
    const engine = new DetectionEngine(detectionParams({ windows: { sweepPerEvent: 0 } }), { onEvicted: (k) => evicted.push(k) });
    engine.process(aTransfer().from(anAccount(1)).to(anAccount(2)).at(T0).buildInternal());
    engine.process(aTransfer().from(anAccount(3)).to(anAccount(4)).at(T0 + 2 * DAY_MS).buildInternal());
    expect(engine.evictIdle()).toBe(2);
    expect(evicted).toEqual([accountKey(anAccount(1)), accountKey(anAccount(2))]);
    expect(engine.stats()).toMatchObject({ accounts: 2, entries: 2, evicted: 2, watermarkMs: T0 + 2 * DAY_MS });
  });

  it('gives the same findings, dedup keys included, when the same stream is replayed', () => {
    const accounts = Array.from({ length: 12 }, (_, i) => anAccount(i + 1));
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            from: fc.integer({ min: 0, max: 11 }),
            to: fc.integer({ min: 0, max: 11 }),
            fen: fc.integer({ min: 100, max: 6_000_000 }),
            gapMs: fc.integer({ min: 0, max: 20 * MINUTE_MS }),
          }),
          { maxLength: 80 },
        ),
        (legs) => {
          let t = T0;
          const events: TransferEvent[] = legs
            .filter((l) => l.from !== l.to)
            .map((l, i) => ({
              eventId: `p-${i}`,
              occurredAtMs: (t += l.gapMs),
              type: 'TRANSFER',
              channel: 'MOBILE',
              amountFen: l.fen,
              currency: 'CNY',
              debtor: accounts[l.from]!,
              creditor: accounts[l.to]!,
              terminal: {},
            }));
          const run = () => {
            const engine = new DetectionEngine();
            return events.flatMap((e) => engine.process(e).findings);
          };
          expect(run()).toEqual(run());
        },
      ),
      { numRuns: 50 },
    );
  });

  it('keeps evidence ids of the window after days of traffic have been released from the id log', () => {
    const engine = new DetectionEngine();
    // Three days of background transfers, several thousand a day, then a fan-in at the end.
    for (let i = 0; i < 15_000; i++) {
      engine.process(aTransfer().from(anAccount(1000 + (i % 97))).to(anAccount(2000 + (i % 89))).amount('10.00').at(T0 + i * 17_000).buildInternal());
    }
    const end = T0 + 15_000 * 17_000;
    const ids: string[] = [];
    let last: readonly Finding[] = [];
    for (let i = 0; i < 10; i++) {
      const e = aTransfer().from(anAccount(i + 1)).to(MULE).amount('1000.00').at(end + i * MINUTE_MS).buildInternal();
      ids.push(e.eventId);
      last = engine.process(e).findings;
    }
    expect(last.map((f) => f.detector)).toEqual(['FAN_IN']);
    expect(last[0]!.eventIds).toEqual(ids);
  });

  it('age from a resident ID number: valid numbers only', () => {
    const idNumber = makeResidentId({ divisionCode: '110105', birthDate: '1965-03-03' });
    expect(ageFromResidentId({ bankCode: '1', accountNumber: '1', idNumber }, T0)).toBe(60);
    expect(ageFromResidentId({ bankCode: '1', accountNumber: '1', idNumber }, T0 - DAY_MS)).toBe(59);
    expect(ageFromResidentId({ bankCode: '1', accountNumber: '1', idNumber: '110105196503030000' }, T0)).toBeUndefined();
    expect(ageFromResidentId({ bankCode: '1', accountNumber: '1' }, T0)).toBeUndefined();
  });
});
