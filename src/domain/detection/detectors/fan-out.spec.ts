import { T0, aTransfer, anAccount } from '../../../../test/support/builders/transfer.builder.js';
import { DEFAULT_DETECTION_PARAMS } from '../detection-params.js';
import { HOUR_MS, MINUTE_MS } from '../event-time.js';
import { internal, recordEvents } from '../testing/record-events.js';
import { accountKey, type TransferEventJson } from '../transfer-event.js';
import { type FanOutParams, detectFanOut } from './fan-out.js';

const MULE = anAccount(500);
const params: FanOutParams = DEFAULT_DETECTION_PARAMS.fanOut;

function receivers(n: number, amount = '1000.00'): TransferEventJson[] {
  return Array.from({ length: n }, (_, i) =>
    aTransfer().from(MULE).to(anAccount(i + 1)).amount(amount).at(T0 + i * MINUTE_MS).build(),
  );
}

function run(events: TransferEventJson[], p: FanOutParams = params) {
  const store = recordEvents(events);
  return detectFanOut(store.get(accountKey(MULE))!, internal(events[events.length - 1]!), p);
}

describe('FAN_OUT', () => {
  it('9 receivers -> nothing, 10 receivers -> finding', () => {
    expect(run(receivers(9))).toHaveLength(0);
    expect(run(receivers(10))[0]).toMatchObject({
      detector: 'FAN_OUT',
      severity: 'MEDIUM',
      subjectAccounts: [accountKey(MULE)],
      aggregates: { distinctReceivers: 10, outflows: 10, outflowFen: 1000000 },
      dedupKey: `FAN_OUT:${accountKey(MULE)}:20250303`,
    });
  });

  it('counts a repeated receiver once and ignores legs under CNY 500', () => {
    const again = [...receivers(9), aTransfer().from(MULE).to(anAccount(1)).amount('1000.00').at(T0 + HOUR_MS).build()];
    expect(run(again)).toHaveLength(0);
    const small = [...receivers(9), aTransfer().from(MULE).to(anAccount(99)).amount('499.99').at(T0 + HOUR_MS).build()];
    expect(run(small)).toHaveLength(0);
  });

  it('leaves payments out unless told to count them', () => {
    const events = [...receivers(9), aTransfer().payment().from(MULE).to(anAccount(99)).amount('900.00').at(T0 + HOUR_MS).build()];
    expect(run(events)).toHaveLength(0);
    expect(run(events, { ...params, countPayments: true })).toHaveLength(1);
  });

  it('goes one severity up at twice the threshold', () => {
    expect(run(receivers(20))[0]!.severity).toBe('HIGH');
  });
});
