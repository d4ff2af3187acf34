import { aTransfer, anAccount } from '../../../../test/support/builders/transfer.builder.js';
import { DEFAULT_DETECTION_PARAMS } from '../detection-params.js';
import { parseEventTime } from '../event-time.js';
import { internal, recordEvents } from '../testing/record-events.js';
import { accountKey, type TransferEventJson } from '../transfer-event.js';
import { type NightBurstParams, detectNightBurst, nightStartOf } from './night-burst.js';

const ACCT = anAccount(500);
const params: NightBurstParams = DEFAULT_DETECTION_PARAMS.nightBurst;

function out(at: string, amount = '200.00', n = 1): TransferEventJson {
  return aTransfer().from(ACCT).to(anAccount(n)).amount(amount).at(at).build();
}
function nightOutflows(n: number): TransferEventJson[] {
  return Array.from({ length: n }, (_, i) => out(`2025-03-04T0${i % 5}:1${i}:00+08:00`, '200.00', i + 1));
}

function run(events: TransferEventJson[], p: NightBurstParams = params) {
  const store = recordEvents(events);
  return detectNightBurst(store.get(accountKey(ACCT))!, internal(events[events.length - 1]!), p);
}

describe('NIGHT_BURST', () => {
  it('4 outflows between 00:00 and 05:00 -> nothing, 5 -> finding', () => {
    expect(run(nightOutflows(4))).toHaveLength(0);
    const [f] = run(nightOutflows(5));
    expect(f).toMatchObject({
      detector: 'NIGHT_BURST',
      severity: 'MEDIUM',
      aggregates: { nightOutflows: 5, outflowFen: 100000 },
      dedupKey: `NIGHT_BURST:${accountKey(ACCT)}:20250304`,
    });
  });

  it('04:59:59.999 is night, 05:00:00 is morning', () => {
    const four = nightOutflows(4);
    expect(run([...four, out('2025-03-04T04:59:59.999+08:00')])).toHaveLength(1);
    expect(run([...four, out('2025-03-04T05:00:00+08:00')])).toHaveLength(0);
  });

  it('an outflow at 23:59 the evening before belongs to no night', () => {
    const events = [out('2025-03-03T23:59:00+08:00'), ...nightOutflows(4)];
    expect(run(events)).toHaveLength(0);
  });

  it('ignores outflows under CNY 100 and inflows', () => {
    const small = [...nightOutflows(4), out('2025-03-04T04:30:00+08:00', '99.99')];
    expect(run(small)).toHaveLength(0);
    const inflow = aTransfer().from(anAccount(9)).to(ACCT).amount('500.00').at('2025-03-04T04:30:00+08:00').build();
    expect(run([...nightOutflows(4), inflow])).toHaveLength(0);
  });

  it('works for a night that spans midnight', () => {
    const wrap = { ...params, startHour: 23, endHour: 5 };
    const events = [
      out('2025-03-03T23:10:00+08:00', '200.00', 1),
      out('2025-03-03T23:20:00+08:00', '200.00', 2),
      out('2025-03-04T01:00:00+08:00', '200.00', 3),
      out('2025-03-04T02:00:00+08:00', '200.00', 4),
      out('2025-03-04T03:00:00+08:00', '200.00', 5),
    ];
    const [f] = run(events, wrap);
    expect(f!.dedupKey).toBe(`NIGHT_BURST:${accountKey(ACCT)}:20250303`);
    expect(nightStartOf(parseEventTime('2025-03-04T03:00:00+08:00'), 23, 5)).toBe(parseEventTime('2025-03-03T23:00:00+08:00'));
    expect(nightStartOf(parseEventTime('2025-03-04T12:00:00+08:00'), 23, 5)).toBeNaN();
  });
});
