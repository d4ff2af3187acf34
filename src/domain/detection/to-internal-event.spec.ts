import { aTransfer, anAccount } from '../../../test/support/builders/transfer.builder.js';
import { DomainError } from '../domain-error.js';
import { toInternalEvent } from './to-internal-event.js';
import { accountKey, bankCodeOfKey, type TransferEventJson } from './transfer-event.js';

function failure(json: unknown): { code: string; field?: unknown } | undefined {
  try {
    toInternalEvent(json as TransferEventJson);
    return undefined;
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { code: err.code, field: err.details?.['field'] };
  }
}

describe('toInternalEvent', () => {
  it('parses the external shape into epoch ms and integer fen', () => {
    const json = aTransfer()
      .withId('evt-1')
      .from(anAccount(1, '102100000001', { name: '张三', idNumber: '11010519491231002X' }))
      .to(anAccount(2))
      .amount('4999.00')
      .at('2025-03-01T10:00:00+08:00')
      .via('ONLINE')
      .onDevice('dev-1')
      .memo('rent')
      .build();
    expect(toInternalEvent(json)).toEqual({
      eventId: 'evt-1',
      occurredAtMs: Date.UTC(2025, 2, 1, 2),
      type: 'TRANSFER',
      channel: 'ONLINE',
      amountFen: 499900,
      currency: 'CNY',
      debtor: { bankCode: '102100000001', accountNumber: '6222020000000001', name: '张三', idNumber: '11010519491231002X' },
      creditor: { bankCode: '102100000001', accountNumber: '6222020000000002' },
      terminal: { deviceId: 'dev-1' },
      memo: 'rent',
    });
  });

  it('accepts a cash withdrawal with a debtor only and a deposit with a creditor only', () => {
    expect(toInternalEvent(aTransfer().withdrawal().atAtm('ATM-1').inRegion('440305').build()).creditor).toBeUndefined();
    expect(toInternalEvent(aTransfer().deposit().build()).debtor).toBeUndefined();
  });

  it('drops unknown fields instead of carrying them inside', () => {
    const json = { ...aTransfer().build(), extra: 'x' } as unknown as TransferEventJson;
    expect(toInternalEvent(json)).not.toHaveProperty('extra');
  });

  it.each([
    ['a float amount', { amount: 12.5 }, 'INVALID_TRANSFER_EVENT', 'amount'],
    ['three decimals', { amount: '12.345' }, 'INVALID_AMOUNT', undefined],
    ['a zero amount', { amount: '0.00' }, 'INVALID_TRANSFER_EVENT', 'amount'],
    ['a foreign currency', { currency: 'USD' }, 'INVALID_TRANSFER_EVENT', 'currency'],
    ['an unknown type', { type: 'REFUND' }, 'INVALID_TRANSFER_EVENT', 'type'],
    ['an unknown channel', { channel: 'FAX' }, 'INVALID_TRANSFER_EVENT', 'channel'],
    ['no event id', { eventId: undefined }, 'INVALID_TRANSFER_EVENT', 'eventId'],
    ['an empty event id', { eventId: '' }, 'INVALID_TRANSFER_EVENT', 'eventId'],
    ['a time without offset', { occurredAt: '2025-03-01T10:00:00' }, 'INVALID_OCCURRED_AT', undefined],
    ['a transfer without creditor', { creditor: undefined }, 'INVALID_TRANSFER_EVENT', 'creditor'],
    ['a transfer to itself', { creditor: anAccount(1) }, 'INVALID_TRANSFER_EVENT', 'creditor'],
    ['a bank code with a colon', { debtor: { bankCode: 'a:b', accountNumber: '1' } }, 'INVALID_TRANSFER_EVENT', 'debtor.bankCode'],
    ['a numeric account number', { debtor: { bankCode: '1', accountNumber: 1 } }, 'INVALID_TRANSFER_EVENT', 'debtor.accountNumber'],
    ['a terminal that is a string', { terminal: 'atm' }, 'INVALID_TRANSFER_EVENT', 'terminal'],
  ])('rejects %s', (_label, patch, code, field) => {
    const json = { ...aTransfer().from(anAccount(1)).to(anAccount(2)).build(), ...patch };
    const f = failure(json);
    expect(f?.code).toBe(code);
    if (field !== undefined) expect(f?.field).toBe(field);
  });

  it('rejects a withdrawal with a creditor and a deposit with a debtor', () => {
    expect(failure({ ...aTransfer().withdrawal().build(), creditor: anAccount(9) })?.field).toBe('creditor');
    expect(failure({ ...aTransfer().deposit().build(), debtor: anAccount(9) })?.field).toBe('debtor');
  });

  it('rejects what is not an object', () => {
    expect(failure(null)?.code).toBe('INVALID_TRANSFER_EVENT');
    expect(failure([])?.code).toBe('INVALID_TRANSFER_EVENT');
  });
});

describe('account keys', () => {
  it('joins bank code and account number and splits back', () => {
    const key = accountKey(anAccount(5, '103100000026'));
    expect(key).toBe('103100000026:6222020000000005');
    expect(bankCodeOfKey(key)).toBe('103100000026');
  });
});
