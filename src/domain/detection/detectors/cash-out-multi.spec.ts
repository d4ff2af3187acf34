import { T0, aTransfer, anAccount } from '../../../../test/support/builders/transfer.builder.js';
import { DEFAULT_DETECTION_PARAMS } from '../detection-params.js';
import { HOUR_MS } from '../event-time.js';
import { internal, recordEvents } from '../testing/record-events.js';
import { type PartyRef, accountKey, type TransferEventJson } from '../transfer-event.js';
import { type CashOutMultiParams, detectCashOutMulti } from './cash-out-multi.js';

const CARD = anAccount(500);
const params: CashOutMultiParams = DEFAULT_DETECTION_PARAMS.cashOutMulti;

function withdraw(atH: number, atm: string, region: string, account: PartyRef = CARD): TransferEventJson {
  return aTransfer().from(account).withdrawal().amount('2000.00').atAtm(atm).inRegion(region).at(T0 + atH * HOUR_MS).build();
}

function run(events: TransferEventJson[], key = accountKey(CARD), p: CashOutMultiParams = params) {
  const store = recordEvents(events);
  return detectCashOutMulti(store.get(key)!, internal(events[events.length - 1]!), p, store);
}

describe('CASH_OUT_MULTI', () => {
  it('3 distinct ATMs in one city -> nothing, 4 -> finding', () => {
    const three = ['A1', 'A2', 'A3'].map((atm, i) => withdraw(i, atm, '440305'));
    expect(run(three)).toHaveLength(0);
    const [f] = run([...three, withdraw(3, 'A4', '440306')]);
    expect(f).toMatchObject({
      detector: 'CASH_OUT_MULTI',
      severity: 'HIGH',
      subjectAccounts: [accountKey(CARD)],
      aggregates: { withdrawals: 4, withdrawnFen: 800000, distinctAtms: 4, distinctRegions: 1, distinctBanks: 1 },
      dedupKey: `CASH_OUT_MULTI:${accountKey(CARD)}:20250303`,
    });
  });

  it('the same ATM twice counts once', () => {
    const events = ['A1', 'A2', 'A3', 'A1'].map((atm, i) => withdraw(i, atm, '440305'));
    expect(run(events)).toHaveLength(0);
  });

  it('2 cities -> nothing, 3 cities -> finding; two districts of one city are one city', () => {
    // Shenzhen 4403xx twice, Guangzhou 4401xx, at the same ATM id so only regions vary.
    expect(run([withdraw(0, 'A1', '440305'), withdraw(1, 'A1', '440306'), withdraw(2, 'A1', '440106')])).toHaveLength(0);
    const [f] = run([withdraw(0, 'A1', '440305'), withdraw(1, 'A1', '440106'), withdraw(2, 'A1', '310115')]);
    expect(f!.aggregates).toMatchObject({ distinctRegions: 3, distinctAtms: 1 });
    const county = { ...params, regionLevel: 'COUNTY' as const };
    expect(run([withdraw(0, 'A1', '440305'), withdraw(1, 'A1', '440306'), withdraw(2, 'A1', '440106')], accountKey(CARD), county)).toHaveLength(1);
  });

  it('one person at 2 banks -> nothing, at 3 banks -> finding on the person with all accounts', () => {
    const idNumber = '11010519491231002X';
    const cards = ['102100000001', '103100000026', '105100000017'].map((bank, i) => anAccount(i + 1, bank, { idNumber }));
    const person = `id:${idNumber}`;
    expect(run(cards.slice(0, 2).map((c, i) => withdraw(i, 'A1', '440305', c)), person)).toHaveLength(0);
    const [f] = run(cards.map((c, i) => withdraw(i, 'A1', '440305', c)), person);
    expect(f).toMatchObject({
      subjectAccounts: cards.map(accountKey),
      aggregates: { distinctBanks: 3, distinctAtms: 1, withdrawals: 3, subjectKind: 'PERSON' },
    });
  });

  it('a person window stays quiet when all withdrawals used one account (the account window speaks)', () => {
    const card = anAccount(1, '102100000001', { idNumber: '11010519491231002X' });
    const events = ['A1', 'A2', 'A3', 'A4'].map((atm, i) => withdraw(i, atm, '440305', card));
    expect(run(events, accountKey(card))).toHaveLength(1);
    expect(run(events, 'id:11010519491231002X')).toHaveLength(0);
  });

  it('raises severity when two measures fire together', () => {
    const events = [withdraw(0, 'A1', '440305'), withdraw(1, 'A2', '440106'), withdraw(2, 'A3', '310115'), withdraw(3, 'A4', '110105')];
    expect(run(events)[0]!.severity).toBe('CRITICAL');
  });

  it('forgets withdrawals older than 24 hours', () => {
    const events = [withdraw(0, 'A1', '440305'), withdraw(20, 'A2', '440305'), withdraw(21, 'A3', '440305')];
    expect(run([...events, aTransfer().from(CARD).withdrawal().amount('2000.00').atAtm('A4').at(T0 + 24 * HOUR_MS).build()])).toHaveLength(1);
    expect(run([...events, aTransfer().from(CARD).withdrawal().amount('2000.00').atAtm('A4').at(T0 + 24 * HOUR_MS + 1).build()])).toHaveLength(0);
  });
});
