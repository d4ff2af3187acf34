import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { ALERT_SEVERITIES, DETECTOR_NAMES } from '../../../domain/detection/finding.js';
import { TransferEventDto } from './transfer-event.dto.js';

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
