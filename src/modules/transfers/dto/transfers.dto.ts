import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ALERT_SEVERITIES, DETECTOR_NAMES } from '../../../domain/detection/finding.js';
import { OCCURRED_AT_PATTERN, TransferEventDto } from './transfer-event.dto.js';

export const MAX_BATCH_EVENTS = 1000;

export class TransferBatchDto {
  /**
   * Each event is validated on its own (the same TransferEventDto rules as the Kafka topic) and
   * gets its own result, so one bad event does not sink the batch.
   */
  @ApiProperty({ type: [TransferEventDto], minItems: 1, maxItems: MAX_BATCH_EVENTS, description: 'Up to 1,000 events; each gets its own result.' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_BATCH_EVENTS)
  events!: unknown[];
}

export class EventErrorResponse {
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'VALIDATION_FAILED, INVALID_TRANSFER_EVENT, INVALID_AMOUNT, INVALID_OCCURRED_AT or TRANSFER_NOT_YOURS.' }) code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ example: 'amount' }) field?: string;
}

export class RaisedAlertResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: DETECTOR_NAMES }) detector!: string;
  @ApiProperty({ enum: ALERT_SEVERITIES }) severity!: string;
}

export class TransferResultResponse {
  @ApiProperty({ description: 'Position in the request.' }) index!: number;
  @ApiProperty({ nullable: true, type: String }) eventId!: string | null;
  @ApiProperty({
    enum: ['ACCEPTED', 'DUPLICATE', 'LATE', 'QUEUED', 'REJECTED'],
    description:
      'ACCEPTED: detected and stored. DUPLICATE: this eventId was seen before (ignored). LATE: older than the allowed lateness behind the newest event (ignored). ' +
      'QUEUED: with Kafka, published to the `transfers` topic for the stream pipeline. REJECTED: not valid, see error.',
  })
  status!: 'ACCEPTED' | 'DUPLICATE' | 'LATE' | 'QUEUED' | 'REJECTED';
  @ApiPropertyOptional({ type: EventErrorResponse }) error?: EventErrorResponse;
  @ApiProperty({ type: [RaisedAlertResponse], description: 'Alerts this event raised or updated that you may read.' }) alerts!: RaisedAlertResponse[];
}

export class TransferBatchResponse {
  @ApiProperty() accepted!: number;
  @ApiProperty() duplicates!: number;
  @ApiProperty() late!: number;
  @ApiProperty() queued!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty({ type: [TransferResultResponse] }) results!: TransferResultResponse[];
}

export class AccountActivityDto {
  @ApiProperty({ example: '102100099996', maxLength: 32 })
  @IsString() @MinLength(1) @MaxLength(32) @Matches(/^[^:]+$/, { message: 'bankCode must not contain a colon' })
  bankCode!: string;

  @ApiProperty({ example: '6222020000000007', maxLength: 64 })
  @IsString() @MinLength(1) @MaxLength(64)
  accountNumber!: string;

  @ApiProperty({ example: '2024-08-01T09:30:00+08:00', description: 'The last customer activity the bank knows of (ISO 8601 with offset).' })
  @IsString() @Matches(OCCURRED_AT_PATTERN, { message: 'lastActivityAt must be ISO 8601 with seconds and an offset' })
  lastActivityAt!: string;
}

export const MAX_ACTIVITY_ROWS = 10_000;

export class AccountActivityBatchDto {
  @ApiProperty({ type: [AccountActivityDto], maxItems: MAX_ACTIVITY_ROWS })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_ACTIVITY_ROWS) @ValidateNested({ each: true }) @Type(() => AccountActivityDto)
  accounts!: AccountActivityDto[];
}

export class AccountActivityResultResponse {
  @ApiProperty({ description: 'Accounts whose last activity was recorded (a later one already known is kept).' }) recorded!: number;
  @ApiProperty({ type: [String], description: 'bankCode:accountNumber of accounts held by another institution, not recorded.' }) refused!: string[];
}

export class StreamStatusResponse {
  @ApiProperty({ nullable: true, type: String, description: 'Newest event time whose detection is durable (any partition, any instance).' }) latestEventAt!: string | null;
  @ApiProperty({ description: 'Kafka on: events go through the `transfers` topic.' }) kafka!: boolean;
  @ApiProperty({ type: [Number], description: 'Partitions this instance\'s engine holds (-1: the in-process HTTP path).' }) partitions!: number[];
  @ApiProperty({ nullable: true, type: String, description: 'Watermark of this instance\'s engine.' }) watermark!: string | null;
  @ApiProperty() windowAccounts!: number;
  @ApiProperty() windowPersons!: number;
  @ApiProperty() windowEntries!: number;
}
