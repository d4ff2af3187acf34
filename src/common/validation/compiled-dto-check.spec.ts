import fc from 'fast-check';
import { plainToInstance } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf, validateSync } from 'class-validator';
import { compileDtoCheck, NotCompilableError } from './compiled-dto-check.js';
import { PartyDto, TerminalDto, TransferEventDto } from '../../modules/transfers/dto/transfer-event.dto.js';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, stopAtFirstError: true } as const;
const check = compileDtoCheck(TransferEventDto, { debtor: PartyDto, creditor: PartyDto, terminal: TerminalDto });
const classValidator = (raw: unknown): boolean => validateSync(plainToInstance(TransferEventDto, raw) as object, OPTIONS).length === 0;

const VALID = {
  eventId: 'e-1',
  occurredAt: '2025-03-03T10:00:00+08:00',
  type: 'TRANSFER',
  channel: 'MOBILE',
  amount: '100.00',
  currency: 'CNY',
  debtor: { bankCode: '102100099996', accountNumber: '6222020000000007', name: '王芳', idNumber: '11010519491231002X' },
  creditor: { bankCode: '103100000026', accountNumber: '6222020000000008' },
  terminal: { atmId: 'ATM-1', deviceId: 'd1', ip: '203.0.113.7', regionCode: '440305' },
  memo: 'rent',
};

/** Values that break one rule or another, and some that are fine. */
const anyValue = fc.oneof(
  fc.constantFrom(undefined, null, '', 'x', 'CNY', 'USD', 'TRANSFER', 'ATM', '100.00', '1.005', '-1', '0', '2025-03-03T10:00:00Z', '2025-03-03 10:00', '44', 'a:b', 1, 100.5, true, [], {}, ['x']),
  fc.string({ maxLength: 300 }),
  // Surrogate pairs, lone surrogates and variation selectors, which validator's isLength counts unevenly.
  fc.string({ unit: 'binary', maxLength: 140 }),
  fc.array(fc.constantFrom('a', '😀', '\uFE0F', '\uFE0E', '\uD83D', '\uDE00', '中'), { maxLength: 70 }).map((a) => a.join('')),
  fc.integer(),
  fc.record({ bankCode: fc.constantFrom('102100099996', '', 'a:b'), accountNumber: fc.constantFrom('622', '') }, { requiredKeys: [] }),
);
const fields = [...Object.keys(VALID), 'schemaVersion', 'unknown'];
const partyFields = ['bankCode', 'accountNumber', 'name', 'idNumber', 'extra'];

const mutated = fc
  .record({
    top: fc.array(fc.tuple(fc.constantFrom(...fields), anyValue), { maxLength: 3 }),
    side: fc.constantFrom('debtor', 'creditor', 'terminal'),
    inner: fc.array(fc.tuple(fc.constantFrom(...partyFields, 'atmId', 'regionCode', 'ip'), anyValue), { maxLength: 2 }),
  })
  .map(({ top, side, inner }) => {
    const e: Record<string, unknown> = JSON.parse(JSON.stringify(VALID));
    const nested = { ...(e[side] as Record<string, unknown>) };
    for (const [k, v] of inner) nested[k] = v;
    e[side] = nested;
    for (const [k, v] of top) e[k] = v;
    return e;
  });

describe('compileDtoCheck', () => {
  it('accepts a valid event and refuses what class-validator refuses', () => {
    expect(check(VALID)).toBe(true);
    expect(check({ ...VALID, fee: '1' })).toBe(false);
    expect(check({ ...VALID, amount: 100 })).toBe(false);
    expect(check({ ...VALID, debtor: { ...VALID.debtor, bankCode: 'a:b' } })).toBe(false);
    expect(check({ ...VALID, terminal: undefined, memo: undefined, debtor: undefined })).toBe(true);
    expect(check([VALID])).toBe(false);
    expect(check('event')).toBe(false);
  });

  it('agrees with class-validator on every mutated event', () => {
    fc.assert(
      fc.property(mutated, (e) => {
        expect(check(e)).toBe(classValidator(e));
      }),
      { numRuns: 3000 },
    );
  });

  it('holds IsDefined as class-validator does (IsOptional still skips a missing value)', () => {
    class WithDefined {
      @IsDefined() @IsString() a!: string;
      @IsDefined() @IsOptional() @IsInt() b?: number;
      @IsOptional() @IsString() c?: string;
    }
    const compiled = compileDtoCheck(WithDefined);
    const stock = (raw: unknown): boolean => validateSync(plainToInstance(WithDefined, raw) as object, OPTIONS).length === 0;
    expect(compiled({ a: 'x', b: 1 })).toBe(true);
    expect(compiled({ b: 1 })).toBe(false);
    expect(compiled({ a: 'x', b: 'y' })).toBe(false);
    const value = fc.constantFrom(undefined, null, '', 'x', 0, 1, 1.5, true, {}, []);
    fc.assert(
      fc.property(fc.record({ a: value, b: value, c: value }, { requiredKeys: [] }), (raw) => {
        expect(compiled(raw)).toBe(stock(raw));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts lengths, patterns and lists as class-validator does, surrogate pairs and variation selectors included', () => {
    class Lengths {
      @IsString() @MinLength(3) @MaxLength(4) a!: string;
      @IsOptional() @Matches(/^x+$/g) b?: string;
      @IsOptional() @IsIn([1, Number.NaN, 'y']) c?: unknown;
    }
    const compiled = compileDtoCheck(Lengths);
    const stock = (raw: unknown): boolean => validateSync(plainToInstance(Lengths, raw) as object, OPTIONS).length === 0;
    const piece = fc.constantFrom('a', '😀', '\uFE0F', '\uFE0E', '\uD83D', '\uDE00', '中');
    const value = fc.oneof(fc.constantFrom(undefined, 'x', 'xx', 'y', 1, Number.NaN), fc.array(piece, { maxLength: 10 }).map((p) => p.join('')));
    // Eight units, four characters to validator: longer than the maximum in UTF-16 units only.
    expect(compiled({ a: '😀😀😀😀' })).toBe(stock({ a: '😀😀😀😀' }));
    expect(compiled({ a: '😀😀😀😀' })).toBe(true);
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 10 }).map((p) => p.join('')), fc.record({ b: value, c: value }, { requiredKeys: [] }), (a, rest) => {
        const raw = { a, ...rest };
        expect(compiled(raw)).toBe(stock(raw));
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses to compile what it cannot reproduce', () => {
    class WithValidateIf {
      @ValidateIf((o: { b?: string }) => o.b !== undefined) @IsString() a!: string;
      @IsOptional() @IsString() b?: string;
    }
    expect(() => compileDtoCheck(WithValidateIf)).not.toThrow();
    class Nested {
      @IsString() a!: string;
    }
    expect(() => compileDtoCheck(TransferEventDto, { debtor: Nested as never })).toThrow(NotCompilableError);
  });
});
