/**
 * The transfer event as a class-validator DTO: the one validator of the shape, used by
 * POST /v1/transfers (per event) and by the Kafka consumer of `transfers`, so both refuse the
 * same events with the same messages. What a schema cannot say well (real instants, exact fen,
 * which side a cash event has) is then checked by the domain's toInternalEvent.
 * docs/transfer-event.schema.json is the same contract as JSON Schema.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import {
  TRANSFER_CHANNELS,
  TRANSFER_EVENT_SCHEMA_VERSION,
  TRANSFER_TYPES,
  type TransferChannel,
  type TransferType,
} from '../../../domain/detection/transfer-event.js';

/** Plain decimal CNY, no sign or exponent, at most two decimals (the domain's parseAmountToFen grammar). */
export const AMOUNT_PATTERN = /^(0|[1-9]\d*)(\.\d{1,2})?$/;
/** ISO 8601 with seconds and an explicit offset (the domain's parseEventTime grammar). */
export const OCCURRED_AT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export class PartyDto {
  @ApiProperty({ example: '102100099996', description: 'Bank code (e.g. the 12-digit CNAPS code); no colon.', maxLength: 32 })
  @IsString() @MinLength(1) @MaxLength(32) @Matches(/^[^:]+$/, { message: 'bankCode must not contain a colon' })
  bankCode!: string;

  @ApiProperty({ example: '6222020000000007', maxLength: 64 })
  @IsString() @MinLength(1) @MaxLength(64)
  accountNumber!: string;

  @ApiPropertyOptional({ example: '王芳', maxLength: 256 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(256)
  name?: string;

  @ApiPropertyOptional({ example: '11010519491231002X', description: 'Holder ID number when the bank knows it (the sender\'s age grades victim warnings).', maxLength: 32 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(32)
  idNumber?: string;
}

export class TerminalDto {
  @ApiPropertyOptional({ example: 'ATM-4403-0012', maxLength: 64 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(64)
  atmId?: string;

  @ApiPropertyOptional({ example: 'a1b2c3d4e5', maxLength: 256 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(256)
  deviceId?: string;

  @ApiPropertyOptional({ example: '203.0.113.7', maxLength: 64 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(64)
  ip?: string;

  @ApiPropertyOptional({ example: '440305', description: 'GB/T 2260 division code of where it happened.', maxLength: 12 })
  @IsOptional() @IsString() @Matches(/^\d{2,12}$/, { message: 'regionCode must be 2-12 digits' })
  regionCode?: string;
}

export class TransferEventDto {
  @ApiPropertyOptional({ enum: [TRANSFER_EVENT_SCHEMA_VERSION], default: TRANSFER_EVENT_SCHEMA_VERSION, description: 'Version of this event shape.' })
  @IsOptional() @IsIn([TRANSFER_EVENT_SCHEMA_VERSION])
  schemaVersion?: number;

  @ApiProperty({ example: '4f6c1f0e-6d0b-4f7e-9d55-0d6c2a5a1b11', description: 'Unique per event across all senders (a UUID, or prefixed with the bank code); a repeat is ignored.', maxLength: 128 })
  @IsString() @MinLength(1) @MaxLength(128)
  eventId!: string;

  @ApiProperty({ example: '2025-03-03T10:00:00+08:00', description: 'ISO 8601 with seconds and an offset.', format: 'date-time' })
  @IsString() @Matches(OCCURRED_AT_PATTERN, { message: 'occurredAt must be ISO 8601 with seconds and an offset, e.g. 2025-03-03T10:00:00+08:00' })
  occurredAt!: string;

  @ApiProperty({ enum: TRANSFER_TYPES })
  @IsIn(TRANSFER_TYPES)
  type!: TransferType;

  @ApiProperty({ enum: TRANSFER_CHANNELS })
  @IsIn(TRANSFER_CHANNELS)
  channel!: TransferChannel;

  @ApiProperty({ example: '4999.00', description: 'CNY as a decimal string with at most two decimals; never a number.', pattern: AMOUNT_PATTERN.source })
  @IsString() @MaxLength(24) @Matches(AMOUNT_PATTERN, { message: 'amount must be a decimal string with at most 2 decimals, e.g. 4999.00' })
  amount!: string;

  @ApiProperty({ enum: ['CNY'], description: 'Thresholds are in CNY: convert other currencies upstream.' })
  @IsIn(['CNY'])
  currency!: string;

  @ApiPropertyOptional({ type: PartyDto, description: 'The paying account; absent only on a cash deposit.' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => PartyDto)
  debtor?: PartyDto;

  @ApiPropertyOptional({ type: PartyDto, description: 'The receiving account; absent only on a cash withdrawal.' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => PartyDto)
  creditor?: PartyDto;

  @ApiPropertyOptional({ type: TerminalDto })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => TerminalDto)
  terminal?: TerminalDto;

  @ApiPropertyOptional({ maxLength: 256 })
  @IsOptional() @IsString() @MaxLength(256)
  memo?: string;
}
