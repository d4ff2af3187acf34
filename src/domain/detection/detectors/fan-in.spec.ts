import { T0, aTransfer, anAccount } from '../../../../test/support/builders/transfer.builder.js';
import { DEFAULT_DETECTION_PARAMS } from '../detection-params.js';
import { HOUR_MS, MINUTE_MS } from '../event-time.js';
import { internal, recordEvents } from '../testing/record-events.js';
import { accountKey, type TransferEventJson } from '../transfer-event.js';
import { type FanInParams, detectFanIn } from './fan-in.js';

const MULE = anAccount(500);
const params: FanInParams = DEFAULT_DETECTION_PARAMS.fanIn;

function senders(n: number, amount = '1000.00', stepMs = MINUTE_MS): TransferEventJson[] {
  return Array.from({ length: n }, (_, i) =>
    aTransfer().from(anAccount(i + 1)).to(MULE).amount(amount).at(T0 + i * stepMs).build(),
  );
}

function run(events: TransferEventJson[], p: FanInParams = params) {
  const store = recordEvents(events);
  return detectFanIn(store.get(accountKey(MULE))!, internal(events[events.length - 1]!), p);
}

describe('FAN_IN', () => {
  it('9 senders -> nothing, 10 senders -> finding', () => {
    expect(run(senders(9))).toHaveLength(0);
    const [f] = run(senders(10));
    expect(f).toMatchObject({
      detector: 'FAN_IN',
      severity: 'MEDIUM',
      subjectAccounts: [accountKey(MULE)],
      aggregates: { distinctSenders: 10, inflows: 10, inflowFen: 1000000 },
      dedupKey: `FAN_IN:${accountKey(MULE)}:20250303`,
    });
    expect(f!.eventIds).toHaveLength(10);
  });

  it('keeps the same dedup key as the pattern goes on firing the same day', () => {
    expect(run(senders(11))[0]!.dedupKey).toBe(run(senders(10))[0]!.dedupKey);
  });

  it('counts a repeated sender once', () => {
    const events = [...senders(9), aTransfer().from(anAccount(1)).to(MULE).amount('1000.00').at(T0 + HOUR_MS).build()];
    expect(run(events)).toHaveLength(0);
  });

  it('ignores legs under CNY 500 and merchant payments', () => {
    const small = [...senders(9), aTransfer().from(anAccount(99)).to(MULE).amount('499.99').at(T0 + HOUR_MS).build()];
    expect(run(small)).toHaveLength(0);
    const exact = [...senders(9), aTransfer().from(anAccount(99)).to(MULE).amount('500.00').at(T0 + HOUR_MS).build()];
    expect(run(exact)).toHaveLength(1);
    const payment = [...senders(9), aTransfer().payment().from(anAccount(99)).to(MULE).amount('900.00').at(T0 + HOUR_MS).build()];
    expect(run(payment)).toHaveLength(0);
    expect(run(payment, { ...params, countPayments: true })).toHaveLength(1);
  });

  it('counts a sender exactly 24 hours back; one a millisecond older falls out', () => {
    const first = aTransfer().from(anAccount(100)).to(MULE).amount('1000.00').at(T0).build();
    const rest = (lastAt: number) =>
      Array.from({ length: 9 }, (_, i) =>
        aTransfer().from(anAccount(i + 1)).to(MULE).amount('1000.00').at(lastAt - (8 - i) * MINUTE_MS).build(),
      );
    expect(run([first, ...rest(T0 + 24 * HOUR_MS)])).toHaveLength(1);
    expect(run([first, ...rest(T0 + 24 * HOUR_MS + 1)])).toHaveLength(0);
  });

  it('goes one severity up at twice the threshold', () => {
    expect(run(senders(19))[0]!.severity).toBe('MEDIUM');
    expect(run(senders(20))[0]!.severity).toBe('HIGH');
  });

  it('is not evaluated on an outflow', () => {
    const events = [...senders(10), aTransfer().from(MULE).to(anAccount(900)).amount('1000.00').at(T0 + HOUR_MS).build()];
    expect(run(events)).toHaveLength(0);
  });
});
