import { summariseTransfers } from './profile-transfers.js';

describe('transfers on a case profile', () => {
  const me = { bankCode: 'B1', accountNumber: '6222020000000001' };
  const ev = (id: string, at: string, from: string, to: string, amount: string) => ({
    eventId: id,
    occurredAt: at,
    type: 'TRANSFER' as const,
    channel: 'MOBILE' as const,
    amount,
    currency: 'CNY',
    debtor: { bankCode: 'B1', accountNumber: from, name: '张三', idNumber: '11010519491231002X' },
    creditor: { bankCode: 'B1', accountNumber: to },
  });

  it('takes the account side of each transfer, newest first, and sums counterparties both ways in fen', () => {
    const { transfers, counterparties } = summariseTransfers(
      [
        ev('1', '2026-11-21T10:00:00+08:00', '6222020000000009', me.accountNumber, '600.00'),
        ev('2', '2026-11-21T10:05:00+08:00', me.accountNumber, '6222020000000009', '590.50'),
        ev('3', '2026-11-21T10:06:00+08:00', '6222020000000007', me.accountNumber, '0.10'),
        ev('4', '2026-11-21T10:07:00+08:00', '6222020000000007', '6222020000000008', '5.00'),
      ],
      me,
    );
    expect(transfers.map((t) => [t.direction, t.amount])).toEqual([['IN', '0.10'], ['OUT', '590.50'], ['IN', '600.00']]);
    expect(counterparties).toEqual([
      { label: 'B1 622202******0009', inFen: 60000, outFen: 59050, count: 2 },
      { label: 'B1 622202******0007', inFen: 10, outFen: 0, count: 1 },
    ]);
    expect(JSON.stringify({ transfers, counterparties })).not.toMatch(/张三|11010519491231002X/);
  });
});
