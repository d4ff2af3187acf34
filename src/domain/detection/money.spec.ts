import fc from 'fast-check';
import { DomainError } from '../domain-error.js';
import { formatFen, parseAmountToFen } from './money.js';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof DomainError ? err.code : 'NOT_A_DOMAIN_ERROR';
  }
}

describe('parseAmountToFen', () => {
  it.each([
    ['4999.00', 499900],
    ['4999', 499900],
    ['0.5', 50],
    ['0.05', 5],
    ['0', 0],
    ['49999.99', 4999999],
    ['90071992547409.91', 9007199254740991],
  ])('%s -> %i fen', (text, fen) => {
    expect(parseAmountToFen(text)).toBe(fen);
  });

  it.each([
    ['three decimals', '1.005'],
    ['negative', '-1.00'],
    ['plus sign', '+1.00'],
    ['exponent', '1e3'],
    ['exponent with fraction', '1.5E2'],
    ['leading zero', '007'],
    ['empty fraction', '5.'],
    ['no integer part', '.5'],
    ['thousands separator', '1,000.00'],
    ['whitespace', ' 1.00'],
    ['empty', ''],
    ['beyond safe integers', '90071992547409.92'],
    ['far too large', '1000000000000000000'],
    ['full-width digits', '１００'],
  ])('rejects %s (%s) as INVALID_AMOUNT', (_label, text) => {
    expect(code(() => parseAmountToFen(text))).toBe('INVALID_AMOUNT');
  });

  it('rejects a number passed where a string belongs', () => {
    expect(code(() => parseAmountToFen(12.5 as unknown as string))).toBe('INVALID_AMOUNT');
  });

  it('round-trips with formatFen for every safe amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        expect(parseAmountToFen(formatFen(fen))).toBe(fen);
      }),
    );
  });
});

describe('formatFen', () => {
  it.each([
    [499900, '4999.00'],
    [5, '0.05'],
    [50, '0.50'],
    [0, '0.00'],
    [-5, '-0.05'],
    [-123456, '-1234.56'],
  ])('%i -> %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it('refuses non-integers', () => {
    expect(code(() => formatFen(1.5))).toBe('INVALID_AMOUNT');
  });
});
