import fc from 'fast-check';
import { DomainError } from '../domain-error.js';
import { bankCardSignals, isAccountNumber, luhnCheckDigit, luhnValid, maskAccount, normaliseAccountNumber } from './bank-card.js';

const digitsArb = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

describe('luhnValid', () => {
  it('accepts known test card numbers and rejects a changed digit', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid(`622202020000000000${luhnCheckDigit('622202020000000000')}`)).toBe(true);
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('4111 1111 1111 1111')).toBe(false);
  });

  it('detects every single-digit change (property)', () => {
    fc.assert(
      fc.property(digitsArb(15, 18), fc.nat(), fc.integer({ min: 1, max: 9 }), (partial, pos, delta) => {
        const card = partial + luhnCheckDigit(partial);
        const i = pos % card.length;
        const changed = card.slice(0, i) + String((Number(card[i]) + delta) % 10) + card.slice(i + 1);
        return luhnValid(card) && !luhnValid(changed);
      }),
    );
  });
});

describe('normaliseAccountNumber', () => {
  it('strips spaces and dashes', () => {
    expect(normaliseAccountNumber('6222 0202 0000 0000 005')).toBe('6222020200000000005');
    expect(normaliseAccountNumber('6222-0202-0000')).toBe('622202020000');
  });
  it.each([
    ['12345', 'LENGTH'],
    ['1'.repeat(33), 'LENGTH'],
    ['6222O202', 'FORMAT'],
    ['', 'FORMAT'],
  ])('rejects %j (%s)', (raw, reason) => {
    expect(() => normaliseAccountNumber(raw)).toThrow(DomainError);
    try {
      normaliseAccountNumber(raw);
    } catch (err) {
      expect((err as DomainError).code).toBe('INVALID_ACCOUNT_NUMBER');
      expect((err as DomainError).details).toEqual({ reason });
    }
    expect(isAccountNumber(raw)).toBe(false);
  });
  it('treats Luhn as a signal: plain accounts without a check digit are still accepted', () => {
    const signals = bankCardSignals('1234 5678 9012 3456 780');
    expect(signals.normalised).toBe('1234567890123456780');
    expect(signals.luhnValid).toBe(false);
    expect(signals.looksLikeCard).toBe(false);
    expect(bankCardSignals('4111-1111-1111-1111')).toEqual({ normalised: '4111111111111111', luhnValid: true, looksLikeCard: true });
  });
});

describe('maskAccount', () => {
  it('keeps the issuer prefix and the last four digits', () => {
    expect(maskAccount('6222 0202 0000 0000 005')).toBe('622202*********0005');
    expect(maskAccount('12345678')).toBe('****5678');
  });
  it('never reveals more than ten digits (property)', () => {
    fc.assert(fc.property(digitsArb(0, 32), (s) => maskAccount(s).replace(/\*/g, '').length <= 10));
  });
});
