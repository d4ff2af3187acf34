import { IsOptional, validate } from 'class-validator';
import { makeResidentId } from '../../domain/identity/national-id-factory.js';
import { IsBankAccountNumber } from './is-bank-account-number.decorator.js';
import { IsCnMobile } from './is-cn-mobile.decorator.js';
import { IsResidentIdNumber } from './is-resident-id-number.decorator.js';
import { IsUscc } from './is-uscc.decorator.js';

const FIXED_NOW = new Date('2025-06-01T00:00:00Z');

class ApplicantDto {
  @IsResidentIdNumber(undefined, () => FIXED_NOW)
  idNumber!: unknown;

  @IsOptional()
  @IsUscc()
  uscc?: unknown;

  @IsOptional()
  @IsCnMobile()
  phone?: unknown;

  @IsOptional()
  @IsBankAccountNumber({ message: 'account is not an account number' })
  account?: unknown;
}

class ListDto {
  @IsCnMobile({ each: true })
  phones!: unknown[];
}

function dto(values: Partial<ApplicantDto>): ApplicantDto {
  return Object.assign(new ApplicantDto(), { idNumber: '11010519491231002X', ...values });
}

async function failures(values: Partial<ApplicantDto>): Promise<Record<string, Record<string, string>>> {
  const errors = await validate(dto(values));
  return Object.fromEntries(errors.map((e) => [e.property, e.constraints ?? {}]));
}

describe('identity validators', () => {
  it('accepts valid identifiers in the spellings people write', async () => {
    expect(
      await failures({
        idNumber: '11010519491231002x',
        uscc: '91350100M000100Y43',
        phone: '+86 138-0013-8000',
        account: '6222 0202 0000 0000 005',
      }),
    ).toEqual({});
  });

  it('names the reason for a rejected resident ID without echoing the value', async () => {
    const result = await failures({ idNumber: '110105194912310021' });
    expect(result['idNumber']).toEqual({ isResidentIdNumber: 'idNumber must be a valid resident ID number (CHECKSUM)' });
    const future = makeResidentId({ divisionCode: '110105', birthDate: '2025-06-02' });
    expect((await failures({ idNumber: future }))['idNumber']?.['isResidentIdNumber']).toContain('BIRTH_DATE');
    expect((await failures({ idNumber: 11010519491231 }))['idNumber']?.['isResidentIdNumber']).toContain('FORMAT');
  });

  it('rejects a bad USCC, phone and account with their own constraints', async () => {
    const result = await failures({ uscc: '91350100M000100Y44', phone: '010-12345678', account: '12-34' });
    expect(result['uscc']).toEqual({ isUscc: 'uscc must be a valid unified social credit code (CHECKSUM)' });
    expect(result['phone']).toEqual({ isCnMobile: 'phone must be a mainland China mobile number' });
    expect(result['account']).toEqual({ isBankAccountNumber: 'account is not an account number' });
  });

  it('rejects non-string values', async () => {
    const result = await failures({ uscc: 42, phone: 13800138000, account: ['6222020200000000005'] });
    expect(Object.keys(result).sort()).toEqual(['account', 'phone', 'uscc']);
  });

  it('supports each: true', async () => {
    const ok = Object.assign(new ListDto(), { phones: ['13800138000', '0086 139 0000 0000'] });
    const bad = Object.assign(new ListDto(), { phones: ['13800138000', '12345'] });
    expect(await validate(ok)).toEqual([]);
    expect(await validate(bad)).toHaveLength(1);
  });
});
