import { T0, aTransfer, anAccount } from '../../../../test/support/builders/transfer.builder.js';
import { DEFAULT_DETECTION_PARAMS } from '../detection-params.js';
import { MINUTE_MS } from '../event-time.js';
import { internal, recordEvents } from '../testing/record-events.js';
import { accountKey, type TransferEventJson } from '../transfer-event.js';
import { type HighVelocityParams, detectHighVelocity } from './high-velocity.js';

const ACCT = anAccount(500);
const params: HighVelocityParams = DEFAULT_DETECTION_PARAMS.highVelocity;

function burst(n: number, spanMs = 9 * MINUTE_MS): TransferEventJson[] {
  return Array.from({ length: n }, (_, i) =>
    aTransfer().from(ACCT).to(anAccount(i + 1)).amount('10.00').at(T0 + Math.floor((i * spanMs) / Math.max(1, n - 1))).build(),
  );
}

function run(events: TransferEventJson[], p: HighVelocityParams = params) {
  const store = recordEvents(events);
  return detectHighVelocity(store.get(accountKey(ACCT))!, internal(events[events.length - 1]!), p);
}

describe('HIGH_VELOCITY', () => {
  it('19 transactions in 10 minutes -> nothing, 20 -> finding', () => {
    expect(run(burst(19))).toHaveLength(0);
    expect(run(burst(20))[0]).toMatchObject({
      detector: 'HIGH_VELOCITY',
      severity: 'MEDIUM',
      aggregates: { transactions: 20, windowMs: 10 * MINUTE_MS },
      dedupKey: `HIGH_VELOCITY:${accountKey(ACCT)}:20250303`,
    });
  });

  it('20 spread over exactly 10 minutes fire; over 10 minutes and a millisecond they do not', () => {
    expect(run(burst(20, 10 * MINUTE_MS))).toHaveLength(1);
    const events = burst(20, 10 * MINUTE_MS);
    const last = aTransfer().from(ACCT).to(anAccount(99)).amount('10.00').at(T0 + 10 * MINUTE_MS + 1).build();
    expect(run([...events.slice(0, 19), last])).toHaveLength(0);
  });

  it('counts inflows but not incoming merchant payments', () => {
    const inflow = aTransfer().from(anAccount(99)).to(ACCT).amount('10.00').at(T0 + 9 * MINUTE_MS).build();
    expect(run([...burst(19), inflow])).toHaveLength(1);
    const payment = aTransfer().payment().from(anAccount(99)).to(ACCT).amount('10.00').at(T0 + 9 * MINUTE_MS).build();
    expect(run([...burst(19), payment])).toHaveLength(0);
    expect(run([...burst(19), payment], { ...params, countInboundPayments: true })).toHaveLength(1);
  });
});
