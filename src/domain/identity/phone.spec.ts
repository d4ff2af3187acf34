import fc from 'fast-check';
import { DomainError } from '../domain-error.js';
import { isCnMobile, maskPhone, normaliseCnMobile } from './phone.js';

describe('normaliseCnMobile', () => {
  it.each([
    '13800138000',
    '+8613800138000',
    '+86 138 0013 8000',
    '008613800138000',
    '0086-138-0013-8000',
    '8613800138000',
    '86 138 0013 8000',
    '(+86) 138-0013-8000',
    '138 0013 8000',
    '138-0013-8000',
    '１３８００１３８０００',
    '\t138 0013 8000\n',
  ])('reduces %j to 11 digits', (raw) => {
    expect(normaliseCnMobile(raw)).toBe('13800138000');
  });

  it.each([
    ['', 'FORMAT'],
    ['138001380001', 'NOT_CN_MOBILE'],
    ['1380013800', 'NOT_CN_MOBILE'],
    ['12800138000', 'NOT_CN_MOBILE'], // second digit 2
    ['23800138000', 'NOT_CN_MOBILE'],
    ['010-12345678', 'NOT_CN_MOBILE'], // landline
    ['+85291234567', 'NOT_CN_MOBILE'], // Hong Kong
    ['+1 415 555 0100', 'NOT_CN_MOBILE'],
    ['138OO138000', 'FORMAT'],
    ['138_0013_8000', 'FORMAT'],
    ['86+13800138000', 'FORMAT'],
  ] as const)('rejects %j (%s)', (raw, reason) => {
    try {
      normaliseCnMobile(raw);
      throw new Error('expected rejection');
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('INVALID_PHONE');
      expect((err as DomainError).details).toEqual({ reason });
    }
  });

  it('gives the same number for every way of writing it (property)', () => {
    const mobile = fc
      .tuple(fc.constantFrom('3', '4', '5', '6', '7', '8', '9'), fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 9, maxLength: 9 }))
      .map(([second, rest]) => `1${second}${rest}`);
    const prefix = fc.constantFrom('', '+86', '+86 ', '0086', '0086-', '86', '(+86)');
    const separator = fc.constantFrom('', ' ', '-');
    fc.assert(
      fc.property(mobile, prefix, separator, (digits, p, sep) => {
        const written = `${p}${digits.slice(0, 3)}${sep}${digits.slice(3, 7)}${sep}${digits.slice(7)}`;
        return normaliseCnMobile(written) === digits;
      }),
    );
  });

  it('isCnMobile never throws (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => typeof isCnMobile(s) === 'boolean'));
  });
});

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('+86 138-0013-8000')).toBe('138****8000');
  });
  it('keeps at most the last 4 digits of anything else', () => {
    expect(maskPhone('010-12345678')).toBe('*******5678');
    expect(maskPhone('12')).toBe('**');
  });
});
