import { T0, aTransfer, anAccount } from '../../../../test/support/builders/transfer.builder.js';
import { DEFAULT_DETECTION_PARAMS } from '../detection-params.js';
import { HOUR_MS } from '../event-time.js';
import { internal, recordEvents } from '../testing/record-events.js';
import { accountKey, type TransferEventJson } from '../transfer-event.js';
import { type StructuringParams, detectStructuring } from './structuring.js';

const ACCT = anAccount(500);
const params: StructuringParams = DEFAULT_DETECTION_PARAMS.structuring;

function cashOut(amount: string, atH: number, account = ACCT): TransferEventJson {
  return aTransfer().from(account).withdrawal().amount(amount).at(T0 + atH * HOUR_MS).build();
}

function run(events: TransferEventJson[], p: StructuringParams = params, key = accountKey(ACCT)) {
  const store = recordEvents(events);
  return detectStructuring(store.get(key)!, internal(events[events.length - 1]!), p, store);
}

describe('STRUCTURING', () => {
  it('2 cash amounts just under CNY 50,000 -> nothing, 3 -> finding', () => {
    expect(run([cashOut('49000.00', 0), cashOut('48000.00', 1)])).toHaveLength(0);
    const [f] = run([cashOut('49000.00', 0), cashOut('48000.00', 1), cashOut('49900.00', 2)]);
    expect(f).toMatchObject({
      detector: 'STRUCTURING',
      severity: 'HIGH',
      subjectAccounts: [accountKey(ACCT)],
      aggregates: { amountsInBand: 3, totalFen: 14690000, subjectKind: 'ACCOUNT' },
      dedupKey: `STRUCTURING:${accountKey(ACCT)}:20250303`,
    });
    expect(f!.eventIds).toHaveLength(3);
  });

  it('the band is [45,000.00, 50,000.00): 44,999.99 and 50,000.00 do not count', () => {
    const two = [cashOut('45000.00', 0), cashOut('49999.99', 1)];
    expect(run([...two, cashOut('45000.00', 2)])).toHaveLength(1);
    expect(run([...two, cashOut('44999.99', 2)])).toHaveLength(0);
    expect(run([...two, cashOut('50000.00', 2)])).toHaveLength(0);
  });

  it('counts cash deposits with withdrawals, not transfers', () => {
    const deposit = aTransfer().deposit().to(ACCT).amount('46000.00').at(T0 + 2 * HOUR_MS).build();
    expect(run([cashOut('49000.00', 0), cashOut('48000.00', 1), deposit])).toHaveLength(1);
    const transfer = aTransfer().from(ACCT).to(anAccount(9)).amount('46000.00').at(T0 + 2 * HOUR_MS).build();
    expect(run([cashOut('49000.00', 0), cashOut('48000.00', 1), transfer])).toHaveLength(0);
    expect(run([cashOut('49000.00', 0), cashOut('48000.00', 1), transfer], { ...params, types: ['TRANSFER', 'CASH_WITHDRAWAL'] })).toHaveLength(1);
  });

  it('looks back 24 hours', () => {
    expect(run([cashOut('49000.00', 0), cashOut('48000.00', 1), cashOut('49000.00', 24)])).toHaveLength(1);
    const justOut = [cashOut('49000.00', 0), cashOut('48000.00', 1), aTransfer().from(ACCT).withdrawal().amount('49000.00').at(T0 + 24 * HOUR_MS + 1).build()];
    expect(run(justOut)).toHaveLength(0);
  });

  it('sees the amounts split over one person\'s accounts at three banks, without the ID number in the key', () => {
    const idNumber = '11010519491231002X';
    const accounts = [
      anAccount(1, '102100000001', { idNumber }),
      anAccount(2, '103100000026', { idNumber }),
      anAccount(3, '105100000017', { idNumber }),
    ];
    const events = accounts.map((a, i) => cashOut('48000.00', i, a));
    const [f] = run(events, params, `id:${idNumber}`);
    expect(f!.subjectAccounts).toEqual(accounts.map(accountKey));
    expect(f!.aggregates['subjectKind']).toBe('PERSON');
    expect(f!.dedupKey).toMatch(/^STRUCTURING:person#[0-9a-f]{16}:20250303$/);
    expect(f!.dedupKey).not.toContain(idNumber);
    // Each account alone saw only one amount.
    expect(run(events, params, accountKey(accounts[2]!))).toHaveLength(0);
  });

  it('a person window stays quiet when one account did it all', () => {
    const idNumber = '11010519491231002X';
    const one = anAccount(1, '102100000001', { idNumber });
    const events = [0, 1, 2].map((h) => cashOut('48000.00', h, one));
    expect(run(events, params, accountKey(one))).toHaveLength(1);
    expect(run(events, params, `id:${idNumber}`)).toHaveLength(0);
  });
});
