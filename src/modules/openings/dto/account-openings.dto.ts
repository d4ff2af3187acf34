import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsBankAccountNumber } from '../../../common/validators/is-bank-account-number.decorator.js';
import { IsCnMobile } from '../../../common/validators/is-cn-mobile.decorator.js';
import { IsResidentIdNumber } from '../../../common/validators/is-resident-id-number.decorator.js';
import { IsUscc } from '../../../common/validators/is-uscc.decorator.js';
import { ACCOUNT_CLASSES, CHANNELS, ID_TYPES } from '../../../domain/screening/index.js';
import type { AccountOpeningRecordEntity } from '../account-opening-record.entity.js';
import type { BankAccountEntity } from '../../accounts/bank-account.entity.js';
import { IsCalendarDate, IsDocumentNumber } from '../../screening/dto/identifier-validators.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** An account actually opened. Flat, with the same fields as a row of an existing-account load. */
export class AccountOpeningDto {
  @ApiProperty({ example: 'ICBC', description: 'The bank code used across the platform (transfers, list entries): 2-20 letters or digits.' })
  @Matches(/^[A-Za-z0-9]{2,20}$/, { message: 'bankCode must be 2-20 letters or digits' })
  bankCode!: string;

  @ApiProperty({ example: '6222020200112233445' }) @IsBankAccountNumber()
  accountNumber!: string;

  @ApiProperty({ example: '0101' }) @Matches(/^[A-Za-z0-9-]{1,20}$/, { message: 'branchCode must be 1-20 letters, digits or dashes' })
  branchCode!: string;

  @ApiPropertyOptional({ enum: ACCOUNT_CLASSES, description: 'Personal account class; required for persons.' })
  @ValidateIf((o: AccountOpeningDto) => o.holderType === 'PERSON' || o.accountClass !== undefined)
  @IsIn(ACCOUNT_CLASSES)
  accountClass?: string;

  @ApiProperty({ enum: ['PERSON', 'ENTITY'] }) @IsIn(['PERSON', 'ENTITY'])
  holderType!: 'PERSON' | 'ENTITY';

  @ApiPropertyOptional({ enum: ID_TYPES, default: 'RESIDENT_ID' }) @IsOptional() @IsIn(ID_TYPES)
  idType?: string;

  @ApiPropertyOptional({ description: 'Persons: resident ID number, or the document number for other ID types.' })
  @ValidateIf((o: AccountOpeningDto) => o.holderType === 'PERSON' || o.idNumber !== undefined)
  @IsDocumentNumber()
  idNumber?: string;

  @ApiPropertyOptional({ description: 'Required unless idType is RESIDENT_ID.' }) @IsOptional() @Matches(/^[A-Za-z]{2,3}$/, { message: 'nationality must be an ISO 3166 alpha-2 or alpha-3 code' })
  nationality?: string;

  @ApiPropertyOptional() @IsOptional() @IsCalendarDate()
  birthDate?: string;

  @ApiPropertyOptional({ description: 'Document expiry, or LONG_TERM; used by second verification.' }) @IsOptional() @IsCalendarDate({ longTerm: true })
  idExpiry?: string;

  @ApiPropertyOptional({ description: 'Companies: the USCC.' })
  @ValidateIf((o: AccountOpeningDto) => o.holderType === 'ENTITY' || o.uscc !== undefined)
  @IsUscc()
  uscc?: string;

  @ApiPropertyOptional({ example: '王小明' }) @IsOptional() @IsString() @MaxLength(200)
  holderName?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100)
  legalRepName?: string;

  @ApiPropertyOptional() @IsOptional() @IsResidentIdNumber()
  legalRepIdNumber?: string;

  @ApiPropertyOptional() @IsOptional() @IsCnMobile()
  phone?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Za-z0-9:_.-]{8,128}$/, { message: 'deviceId must be 8-128 letters, digits, colon, dot, dash or underscore' })
  deviceId?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300)
  address?: string;

  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS)
  channel?: string;

  @ApiProperty({ example: '2026-11-21T10:15:00+08:00' }) @Matches(INSTANT, { message: 'openedAt must be an ISO 8601 date-time with offset, or a date' })
  openedAt!: string;

  @ApiPropertyOptional({ description: 'The screening this opening relied on (this institution\'s).' }) @IsOptional() @IsUUID()
  screeningId?: string;
}

export class AccountOpeningResponse {
  @ApiProperty() bankCode!: string;
  @ApiProperty() accountNumber!: string;
  @ApiProperty() institutionId!: string;
  @ApiProperty({ nullable: true, type: String }) branchCode!: string | null;
  @ApiProperty({ enum: ['PERSON', 'ENTITY'] }) holderType!: string;
  @ApiProperty({ description: 'Masked ID number, document or USCC.' }) holderMasked!: string;
  @ApiProperty({ nullable: true, type: String }) holderName!: string | null;
  @ApiProperty({ nullable: true, type: String }) accountClass!: string | null;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ enum: ['OPENING', 'LOAD'] }) source!: string;
  @ApiProperty({ nullable: true, type: String }) screeningId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Decision of that screening.' }) screeningDecision!: string | null;
}

export function toAccountOpeningResponse(a: BankAccountEntity, record: AccountOpeningRecordEntity | null): AccountOpeningResponse {
  return {
    bankCode: a.bankCode,
    accountNumber: a.accountNumber,
    institutionId: a.institutionId,
    branchCode: a.branchCode,
    holderType: a.holderType,
    holderMasked: a.holderMasked,
    holderName: a.holderName,
    accountClass: a.accountClass,
    openedAt: a.openedAt.toISOString(),
    closedAt: a.closedAt?.toISOString() ?? null,
    source: a.source,
    screeningId: record?.screeningId ?? a.screeningId,
    screeningDecision: record?.screeningDecision ?? null,
  };
}
