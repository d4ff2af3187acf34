import { T0, aTransfer, anAccount } from '../../../../test/support/builders/transfer.builder.js';
import { DEFAULT_DETECTION_PARAMS } from '../detection-params.js';
import { HOUR_MS, MINUTE_MS } from '../event-time.js';
import { internal, recordEvents } from '../testing/record-events.js';
import { type PartyRef, accountKey, type TransferEventJson } from '../transfer-event.js';
import { type ScatterGatherParams, detectScatterGather } from './scatter-gather.js';

const A = anAccount(1);
const C = anAccount(2);
const M = [10, 11, 12, 13].map((n) => anAccount(n));
const params: ScatterGatherParams = DEFAULT_DETECTION_PARAMS.scatterGather;

function leg(from: PartyRef, to: PartyRef, atMs: number, amount = '10000.00'): TransferEventJson {
  return aTransfer().from(from).to(to).amount(amount).at(T0 + atMs).build();
}

/** A pays k intermediaries, then each forwards to C after `delayMs`. */
function pattern(k: number, forward = '9000.00', delayMs = 30 * MINUTE_MS): TransferEventJson[] {
  const out = M.slice(0, k).map((m, i) => leg(A, m, i * MINUTE_MS));
  const back = M.slice(0, k).map((m, i) => leg(m, C, i * MINUTE_MS + delayMs, forward));
  return [...out, ...back];
}

function run(events: TransferEventJson[], p: ScatterGatherParams = params) {
  const store = recordEvents(events);
  return detectScatterGather(store, store.debtor!, store.creditor!, internal(events[events.length - 1]!), p);
}

describe('SCATTER_GATHER', () => {
  it('2 intermediaries -> nothing, 3 -> finding', () => {
    expect(run(pattern(2))).toHaveLength(0);
    const [f] = run(pattern(3));
    expect(f).toMatchObject({
      detector: 'SCATTER_GATHER',
      severity: 'HIGH',
      subjectAccounts: [accountKey(A), accountKey(C), ...M.slice(0, 3).map(accountKey)],
      aggregates: { intermediaries: 3, scatteredFen: 3000000, gatheredFen: 2700000 },
      dedupKey: `SCATTER_GATHER:${accountKey(A)}|${accountKey(C)}:20250303`,
    });
    expect(f!.eventIds).toHaveLength(6);
  });

  it('each intermediary must forward at least 80% of its leg', () => {
    expect(run(pattern(3, '8000.00'))).toHaveLength(1);
    expect(run(pattern(3, '7999.99'))).toHaveLength(0);
  });

  it('each must forward within 2 hours of receiving', () => {
    expect(run(pattern(3, '9000.00', 2 * HOUR_MS))).toHaveLength(1);
    expect(run(pattern(3, '9000.00', 2 * HOUR_MS + 1))).toHaveLength(0);
  });

  it('ignores legs under CNY 1,000', () => {
    const small = M.slice(0, 3).flatMap((m, i) => [leg(A, m, i, '999.99'), leg(m, C, 100 + i, '999.99')]);
    expect(run(small)).toHaveLength(0);
  });

  it('a forward made before the money arrived does not count', () => {
    const events = [
      leg(M[0]!, C, 0, '9000.00'),
      leg(A, M[0]!, MINUTE_MS),
      leg(A, M[1]!, 2 * MINUTE_MS),
      leg(A, M[2]!, 3 * MINUTE_MS),
      leg(M[1]!, C, 30 * MINUTE_MS, '9000.00'),
      leg(M[2]!, C, 31 * MINUTE_MS, '9000.00'),
    ];
    expect(run(events)).toHaveLength(0);
    expect(run([...events, leg(M[0]!, C, 32 * MINUTE_MS, '9000.00')])).toHaveLength(1);
  });
});
