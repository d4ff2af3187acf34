import { T0, aTransfer, anAccount } from '../../../../test/support/builders/transfer.builder.js';
import { DEFAULT_DETECTION_PARAMS } from '../detection-params.js';
import { DAY_MS, HOUR_MS } from '../event-time.js';
import { internal, recordEvents } from '../testing/record-events.js';
import { accountKey, type TransferEventJson } from '../transfer-event.js';
import { type DormantReactivatedParams, detectDormantReactivated, wakesFromDormancy } from './dormant-reactivated.js';

const SLEEPER = anAccount(500);
const KEY = accountKey(SLEEPER);
const params: DormantReactivatedParams = DEFAULT_DETECTION_PARAMS.dormantReactivated;

function inflow(amount: string, atMs: number, n = 1): TransferEventJson {
  return aTransfer().from(anAccount(n)).to(SLEEPER).amount(amount).at(T0 + atMs).build();
}
function outflow(amount: string, atMs: number, n = 900): TransferEventJson {
  return aTransfer().from(SLEEPER).to(anAccount(n)).amount(amount).at(T0 + atMs).build();
}

function run(events: TransferEventJson[], lastActivity: number | undefined, p: DormantReactivatedParams = params) {
  const store = recordEvents(events, {}, { lastActivityBefore: (k) => (k === KEY ? lastActivity : undefined) });
  return detectDormantReactivated(store.get(KEY)!, internal(events[events.length - 1]!), p);
}

describe('DORMANT_REACTIVATED', () => {
  it('silent 180 days minus a millisecond -> nothing; exactly 180 days -> finding', () => {
    expect(run([inflow('50000.00', 0)], T0 - 180 * DAY_MS + 1)).toHaveLength(0);
    const [f] = run([inflow('50000.00', 0)], T0 - 180 * DAY_MS);
    expect(f).toMatchObject({
      detector: 'DORMANT_REACTIVATED',
      severity: 'HIGH',
      subjectAccounts: [KEY],
      aggregates: { dormantDays: 180, movedFen: 5000000, wokeAt: '2025-03-03T10:00:00.000+08:00' },
      dedupKey: `DORMANT_REACTIVATED:${KEY}:20250303`,
    });
  });

  it('CNY 49,999.99 moved -> nothing; CNY 50,000.00 -> finding', () => {
    expect(run([inflow('49999.99', 0)], T0 - 200 * DAY_MS)).toHaveLength(0);
    expect(run([inflow('50000.00', 0)], T0 - 200 * DAY_MS)).toHaveLength(1);
  });

  it('fires on the large movement that follows a small test transfer', () => {
    const events = [inflow('1.00', 0), inflow('30000.00', HOUR_MS, 2), inflow('20000.00', 2 * HOUR_MS, 3), outflow('49000.00', 3 * HOUR_MS)];
    const [f] = run(events, T0 - 365 * DAY_MS);
    expect(f!.aggregates).toMatchObject({ movedFen: 5000100, inflowFen: 5000100, outflowFen: 4900000, dormantDays: 365 });
    expect(f!.eventIds).toHaveLength(4);
  });

  it('counts movement for 24 hours after waking, not longer', () => {
    expect(run([inflow('1.00', 0), inflow('50000.00', 24 * HOUR_MS, 2)], T0 - 200 * DAY_MS)).toHaveLength(1);
    expect(run([inflow('1.00', 0), inflow('50000.00', 24 * HOUR_MS + 1, 2)], T0 - 200 * DAY_MS)).toHaveLength(0);
  });

  it('says nothing when the last activity is unknown', () => {
    expect(run([inflow('90000.00', 0)], undefined)).toHaveLength(0);
  });

  it('wakesFromDormancy needs a known prior activity', () => {
    expect(wakesFromDormancy(NaN, T0, params)).toBe(false);
    expect(wakesFromDormancy(T0 - params.dormantMs, T0, params)).toBe(true);
  });
});
