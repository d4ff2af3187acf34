import { T0, aTransfer, anAccount } from '../../../../test/support/builders/transfer.builder.js';
import { DEFAULT_DETECTION_PARAMS } from '../detection-params.js';
import { MINUTE_MS } from '../event-time.js';
import { internal, recordEvents } from '../testing/record-events.js';
import { accountKey, type TransferEventJson } from '../transfer-event.js';
import { type RapidPassThroughParams, detectRapidPassThrough } from './rapid-pass-through.js';

const MULE = anAccount(500);
const params: RapidPassThroughParams = DEFAULT_DETECTION_PARAMS.rapidPassThrough;

function inflow(amount: string, atMin: number, n = 1): TransferEventJson {
  return aTransfer().from(anAccount(n)).to(MULE).amount(amount).at(T0 + atMin * MINUTE_MS).build();
}
function outflow(amount: string, atMs: number, n = 900): TransferEventJson {
  return aTransfer().from(MULE).to(anAccount(n)).amount(amount).at(T0 + atMs).build();
}

function run(events: TransferEventJson[], p: RapidPassThroughParams = params) {
  const store = recordEvents(events);
  return detectRapidPassThrough(store.get(accountKey(MULE))!, internal(events[events.length - 1]!), p);
}

describe('RAPID_PASS_THROUGH', () => {
  it('89.99% of CNY 5,000 leaving within 30 minutes -> nothing; 90% -> finding', () => {
    expect(run([inflow('5000.00', 0), outflow('4499.99', 10 * MINUTE_MS)])).toHaveLength(0);
    const [f] = run([inflow('5000.00', 0), outflow('4500.00', 10 * MINUTE_MS)]);
    expect(f).toMatchObject({
      detector: 'RAPID_PASS_THROUGH',
      severity: 'HIGH',
      subjectAccounts: [accountKey(MULE)],
      aggregates: { inflowFen: 500000, leftInTimeFen: 450000, sharePercent: 90, inflows: 1, outflows: 1 },
    });
    expect(f!.eventIds).toHaveLength(2);
    expect(f!.dedupKey).toBe(`RAPID_PASS_THROUGH:${accountKey(MULE)}:20250303`);
  });

  it('CNY 4,999.99 in and out -> nothing; CNY 5,000.00 -> finding', () => {
    expect(run([inflow('4999.99', 0), outflow('4999.99', MINUTE_MS)])).toHaveLength(0);
    expect(run([inflow('5000.00', 0), outflow('5000.00', MINUTE_MS)])).toHaveLength(1);
  });

  it('leaving exactly 30 minutes after arrival counts; a millisecond later does not', () => {
    expect(run([inflow('5000.00', 0), outflow('5000.00', 30 * MINUTE_MS)])).toHaveLength(1);
    expect(run([inflow('5000.00', 0), outflow('5000.00', 30 * MINUTE_MS + 1)])).toHaveLength(0);
  });

  it('looks back 60 minutes for inflows, no further', () => {
    const p = { ...params, leaveWithinMs: 120 * MINUTE_MS };
    expect(run([inflow('5000.00', 0), outflow('5000.00', 60 * MINUTE_MS)], p)).toHaveLength(1);
    expect(run([inflow('5000.00', 0), outflow('5000.00', 60 * MINUTE_MS + 1)], p)).toHaveLength(0);
  });

  it('sums many inflows and outflows first in, first out', () => {
    const events = [
      inflow('2000.00', 0, 1),
      inflow('2000.00', 1, 2),
      inflow('2000.00', 2, 3),
      outflow('3000.00', 5 * MINUTE_MS, 901),
      outflow('2500.00', 6 * MINUTE_MS, 902),
    ];
    expect(run(events)[0]!.aggregates).toMatchObject({ inflowFen: 600000, leftInTimeFen: 550000, sharePercent: 91 });
  });

  it('spending an older balance before the money arrives does not count', () => {
    expect(run([outflow('5000.00', 0), inflow('5000.00', 1), outflow('1.00', 2 * MINUTE_MS)])).toHaveLength(0);
  });

  it('is evaluated on outflows only', () => {
    expect(run([outflow('5000.00', 0), inflow('5000.00', 1)])).toHaveLength(0);
  });

  it('raises severity when ten times the minimum passes through', () => {
    expect(run([inflow('50000.00', 0), outflow('50000.00', MINUTE_MS)])[0]!.severity).toBe('CRITICAL');
  });

  it('does nothing when disabled', () => {
    expect(run([inflow('5000.00', 0), outflow('5000.00', MINUTE_MS)], { ...params, enabled: false })).toHaveLength(0);
  });
});
