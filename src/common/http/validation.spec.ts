import 'reflect-metadata';
import { jest } from '@jest/globals';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import fc from 'fast-check';
import { DomainError } from '../../domain/domain-error.js';
import { CompiledValidationPipe, validationErrorToDomain } from './validation.js';

class AccountDto {
  @IsString() @MaxLength(12)
  bankCode!: string;

  @IsString() @MaxLength(30)
  accountNumber!: string;
}

class QueryDto {
  @IsOptional() @IsString() @MaxLength(8)
  name?: string;

  @IsOptional() @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value)) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @IsOptional() @ValidateNested() @Type(() => AccountDto)
  account?: AccountDto;
}

class ListDto {
  @ValidateNested({ each: true }) @Type(() => AccountDto)
  accounts!: AccountDto[];
}

const options = { whitelist: true, forbidNonWhitelisted: true, transform: true, validateCustomDecorators: false, exceptionFactory: validationErrorToDomain };

async function outcome(pipe: ValidationPipe, value: unknown, metatype: ArgumentMetadata['metatype']): Promise<unknown> {
  try {
    const out: unknown = await pipe.transform(value, { type: 'body', metatype, data: '' });
    return { ok: JSON.parse(JSON.stringify(out)) as unknown, instance: out instanceof (metatype as abstract new () => object) };
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return { code: e.code, message: e.message, details: e.details };
  }
}

describe('CompiledValidationPipe', () => {
  const fast = new CompiledValidationPipe(options);
  const stock = new ValidationPipe(options);

  it('accepts a valid body, nested DTO and transformed field included, as an instance of the DTO', async () => {
    const r = await outcome(fast, { name: '张三', limit: '5', account: { bankCode: 'B1', accountNumber: '6222' } }, QueryDto);
    expect(r).toEqual({ ok: { name: '张三', limit: 5, account: { bankCode: 'B1', accountNumber: '6222' } }, instance: true });
  });

  it('skips class-validator for a valid body and asks it about an invalid one', async () => {
    const classValidator = jest.spyOn(ValidationPipe.prototype as unknown as { validate: () => unknown }, 'validate');
    try {
      await outcome(fast, { name: 'ok', account: { bankCode: 'B1', accountNumber: '1' } }, QueryDto);
      expect(classValidator).not.toHaveBeenCalled();
      await outcome(fast, { name: 'far too long a name' }, QueryDto);
      expect(classValidator).toHaveBeenCalledTimes(1);
    } finally {
      classValidator.mockRestore();
    }
  });

  it('looks for binary values only in bodies the compiled check refuses', async () => {
    const look = jest.spyOn(ValidationPipe.prototype as unknown as { findNestedBinaryValues: () => unknown }, 'findNestedBinaryValues');
    try {
      await outcome(fast, { name: 'ok', account: { bankCode: 'B1', accountNumber: '1' } }, QueryDto);
      expect(look).not.toHaveBeenCalled();
      expect(await outcome(fast, { account: Buffer.from('x') }, QueryDto)).toEqual(await outcome(stock, { account: Buffer.from('x') }, QueryDto));
      expect(look).toHaveBeenCalled();
    } finally {
      look.mockRestore();
    }
  });

  it('answers exactly as the stock ValidationPipe, for valid and invalid bodies alike', async () => {
    const field = fc.oneof(fc.constant(undefined), fc.constant(null), fc.string({ maxLength: 12 }), fc.integer({ min: -5, max: 120 }), fc.constant('42'), fc.boolean());
    // Binary values where a nested DTO belongs: the stock pipe has its own error for them.
    const binary = fc.constantFrom(() => Buffer.from('x'), () => new Uint8Array(2), () => Buffer.alloc(0)).map((make) => make());
    const account = fc.oneof(fc.constant(undefined), fc.constant('x'), binary, fc.record({ bankCode: field, accountNumber: field }), fc.record({ bankCode: field, accountNumber: field, extra: field }));
    const body = fc.oneof(
      fc.record({ name: field, limit: field, account }, { requiredKeys: [] }),
      fc.record({ name: field, unknown: field }),
      fc.constant([]),
      fc.constant('text'),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        expect(await outcome(fast, structuredClone(b), QueryDto)).toEqual(await outcome(stock, structuredClone(b), QueryDto));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves DTOs it cannot compile (arrays of nested DTOs) to class-validator', async () => {
    const good = { accounts: [{ bankCode: 'B1', accountNumber: '1' }] };
    const bad = { accounts: [{ bankCode: 'B1', accountNumber: 1 }] };
    expect(await outcome(fast, good, ListDto)).toEqual(await outcome(stock, good, ListDto));
    expect(await outcome(fast, bad, ListDto)).toEqual(await outcome(stock, bad, ListDto));
    expect(await outcome(fast, bad, ListDto)).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
