import { T0, aTransfer, anAccount } from '../../../../test/support/builders/transfer.builder.js';
import { DEFAULT_DETECTION_PARAMS } from '../detection-params.js';
import { HOUR_MS, MINUTE_MS } from '../event-time.js';
import { internal, recordEvents } from '../testing/record-events.js';
import { type PartyRef, accountKey, type TransferEventJson } from '../transfer-event.js';
import { type CycleParams, detectCycle } from './cycle.js';

const [A, B, C, D, E] = [1, 2, 3, 4, 5].map((n) => anAccount(n)) as [PartyRef, PartyRef, PartyRef, PartyRef, PartyRef];
const params: CycleParams = DEFAULT_DETECTION_PARAMS.cycle;

function hop(from: PartyRef, to: PartyRef, atMs: number, amount = '10000.00'): TransferEventJson {
  return aTransfer().from(from).to(to).amount(amount).at(T0 + atMs).build();
}

function run(events: TransferEventJson[], p: CycleParams = params) {
  const store = recordEvents(events);
  const last = internal(events[events.length - 1]!);
  return detectCycle(store, store.debtor!, store.creditor!, last, p);
}

describe('CYCLE', () => {
  it('A -> B -> A (2 accounts) -> nothing; A -> B -> C -> A -> finding', () => {
    expect(run([hop(A, B, 0), hop(B, A, MINUTE_MS)])).toHaveLength(0);
    const events = [hop(A, B, 0), hop(B, C, MINUTE_MS, '9900.00'), hop(C, A, 2 * MINUTE_MS, '9800.00')];
    const [f] = run(events);
    expect(f).toMatchObject({
      detector: 'CYCLE',
      severity: 'HIGH',
      subjectAccounts: [A, B, C].map(accountKey),
      eventIds: events.map((e) => e.eventId),
      aggregates: { length: 3, cycleFen: 2970000, closingFen: 980000, spanMs: 2 * MINUTE_MS },
    });
    expect(f!.dedupKey).toBe(`CYCLE:${[A, B, C].map(accountKey).sort().join('|')}:20250303`);
  });

  it('finds a cycle of 4 accounts but not of 5', () => {
    expect(run([hop(A, B, 0), hop(B, C, 1), hop(C, D, 2), hop(D, A, 3)])[0]!.aggregates['length']).toBe(4);
    expect(run([hop(A, B, 0), hop(B, C, 1), hop(C, D, 2), hop(D, E, 3), hop(E, A, 4)])).toHaveLength(0);
    expect(run([hop(A, B, 0), hop(B, C, 1), hop(C, D, 2), hop(D, E, 3), hop(E, A, 4)], { ...params, maxLength: 5 })).toHaveLength(1);
  });

  it('follows money forward in time only', () => {
    // B -> C happened before A -> B: the money B sent on was not A's.
    expect(run([hop(B, C, 0), hop(A, B, 1), hop(C, A, 2)])).toHaveLength(0);
  });

  it('keeps within 24 hours', () => {
    expect(run([hop(A, B, 0), hop(B, C, HOUR_MS), hop(C, A, 24 * HOUR_MS)])).toHaveLength(1);
    expect(run([hop(A, B, 0), hop(B, C, HOUR_MS), hop(C, A, 24 * HOUR_MS + 1)])).toHaveLength(0);
  });

  it('hops must stay within a factor 2 of the closing transfer', () => {
    expect(run([hop(A, B, 0, '20000.00'), hop(B, C, 1, '20000.00'), hop(C, A, 2, '10000.00')])).toHaveLength(1);
    expect(run([hop(A, B, 0, '20000.00'), hop(B, C, 1, '20000.01'), hop(C, A, 2, '10000.00')])).toHaveLength(0);
    expect(run([hop(A, B, 0, '5000.00'), hop(B, C, 1, '4999.99'), hop(C, A, 2, '10000.00')])).toHaveLength(0);
  });

  it('ignores hops under CNY 1,000', () => {
    expect(run([hop(A, B, 0, '999.99'), hop(B, C, 1, '999.99'), hop(C, A, 2, '999.99')])).toHaveLength(0);
    expect(run([hop(A, B, 0, '1000.00'), hop(B, C, 1, '1000.00'), hop(C, A, 2, '1000.00')])).toHaveLength(1);
  });

  it('stops searching when the visit budget runs out', () => {
    // A pays 30 others before B: the path to C is found only if the search may look that far.
    const noise = Array.from({ length: 30 }, (_, i) => hop(A, anAccount(100 + i), 1 + i));
    const events = [...noise, hop(A, B, 50), hop(B, C, 100), hop(C, A, 200)];
    expect(run(events)).toHaveLength(1);
    expect(run(events, { ...params, maxVisits: 10 })).toHaveLength(0);
  });

  it('reports the accounts in the order the money went, from the receiver of the closing transfer', () => {
    const [f] = run([hop(A, B, 0), hop(B, C, 1), hop(C, D, 2), hop(D, A, 3)]);
    expect(f!.subjectAccounts).toEqual([A, B, C, D].map(accountKey));
    expect(f!.aggregates).toMatchObject({ length: 4, cycleFen: 4000000, spanMs: 3 });
  });

  it('a last hop into the sender below CNY 1,000 cannot close a cycle', () => {
    expect(run([hop(B, C, 0, '1000.00'), hop(C, A, 1, '999.99'), hop(A, B, 2, '1000.00')])).toHaveLength(0);
    expect(run([hop(B, C, 0, '1000.00'), hop(C, A, 1, '1000.00'), hop(A, B, 2, '1000.00')])).toHaveLength(1);
  });
});
