import { T0, aTransfer, anAccount } from '../../../../test/support/builders/transfer.builder.js';
import { DEFAULT_DETECTION_PARAMS } from '../detection-params.js';
import { DAY_MS, HOUR_MS } from '../event-time.js';
import { internal, recordEvents } from '../testing/record-events.js';
import { accountKey, type TransferEventJson } from '../transfer-event.js';
import { type NewAccountLargeParams, detectNewAccountLarge } from './new-account-large.js';

const FRESH = anAccount(500);
const KEY = accountKey(FRESH);
const params: NewAccountLargeParams = DEFAULT_DETECTION_PARAMS.newAccountLarge;

function inflow(amount: string, atMs: number, n = 1): TransferEventJson {
  return aTransfer().from(anAccount(n)).to(FRESH).amount(amount).at(T0 + atMs).build();
}
function outflow(amount: string, atMs: number, n = 900): TransferEventJson {
  return aTransfer().from(FRESH).to(anAccount(n)).amount(amount).at(T0 + atMs).build();
}

function run(events: TransferEventJson[], openedAt: number | undefined) {
  const store = recordEvents(events, {}, { accountOpenedAt: (k) => (k === KEY ? openedAt : undefined) });
  return detectNewAccountLarge(store.get(KEY)!, internal(events[events.length - 1]!), params);
}

describe('NEW_ACCOUNT_LARGE', () => {
  it('opened 30 days ago -> finding; 30 days and a millisecond -> nothing', () => {
    expect(run([inflow('50000.00', 0)], T0 - 30 * DAY_MS - 1)).toHaveLength(0);
    expect(run([inflow('50000.00', 0)], T0 - 30 * DAY_MS)[0]).toMatchObject({
      detector: 'NEW_ACCOUNT_LARGE',
      severity: 'HIGH',
      subjectAccounts: [KEY],
      aggregates: { accountAgeDays: 30, movedFen: 5000000 },
      dedupKey: `NEW_ACCOUNT_LARGE:${KEY}:20250303`,
    });
  });

  it('CNY 49,999.99 moved in 24 hours -> nothing; CNY 50,000.00 -> finding', () => {
    const opened = T0 - DAY_MS;
    expect(run([inflow('30000.00', 0), inflow('19999.99', HOUR_MS, 2)], opened)).toHaveLength(0);
    expect(run([inflow('30000.00', 0), inflow('20000.00', HOUR_MS, 2)], opened)).toHaveLength(1);
  });

  it('counts a pass-through once (the larger of in and out)', () => {
    const [f] = run([inflow('30000.00', 0), outflow('29000.00', HOUR_MS), inflow('20000.00', 2 * HOUR_MS, 2)], T0 - DAY_MS);
    expect(f!.aggregates).toMatchObject({ movedFen: 5000000, inflowFen: 5000000, outflowFen: 2900000 });
    expect(run([inflow('30000.00', 0), outflow('29000.00', HOUR_MS)], T0 - DAY_MS)).toHaveLength(0);
  });

  it('forgets movement older than 24 hours', () => {
    expect(run([inflow('30000.00', 0), inflow('20000.00', 24 * HOUR_MS + 1, 2)], T0 - DAY_MS)).toHaveLength(0);
  });

  it('says nothing without an opening date, or for an event before opening', () => {
    expect(run([inflow('90000.00', 0)], undefined)).toHaveLength(0);
    expect(run([inflow('90000.00', 0)], T0 + 1)).toHaveLength(0);
  });
});
