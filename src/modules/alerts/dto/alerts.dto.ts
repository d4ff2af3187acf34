import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { ALERT_SEVERITIES, DETECTOR_NAMES, type AlertSeverity, type DetectorName } from '../../../domain/detection/finding.js';
import { formatChinaTime } from '../../../domain/detection/event-time.js';
import type { AlertEntity } from '../alert.entity.js';
import { subjectViews, visibleAggregates, type AlertViewer } from '../alert-view.js';

const toInt = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
/** `a,b` or repeated parameters, as a list. */
const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter((s) => s.length > 0) : value;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export class ListAlertsQuery {
  @ApiPropertyOptional({ description: 'Detector names, comma-separated.', example: 'FAN_IN,RAPID_PASS_THROUGH' })
  @IsOptional() @Transform(toList) @IsIn(DETECTOR_NAMES, { each: true })
  detector?: DetectorName[];

  @ApiPropertyOptional({ description: 'Severities, comma-separated.', example: 'HIGH,CRITICAL' })
  @IsOptional() @Transform(toList) @IsIn(ALERT_SEVERITIES, { each: true })
  severity?: AlertSeverity[];

  @ApiPropertyOptional({ enum: ALERT_SEVERITIES, description: 'This severity or higher.' })
  @IsOptional() @IsIn(ALERT_SEVERITIES)
  minSeverity?: AlertSeverity;

  @ApiPropertyOptional({ description: 'An account among the subjects, as bankCode:accountNumber.', example: '102100099996:6222020000000007' })
  @IsOptional() @Matches(/^[^:\s]{1,32}:\S{1,64}$/, { message: 'account must be bankCode:accountNumber' })
  account?: string;

  @ApiPropertyOptional({ description: 'Operator and regulators: alerts touching this institution\'s accounts.' })
  @IsOptional() @IsUUID()
  institutionId?: string;

  @ApiPropertyOptional({ description: 'Latest firing (event time) at or after this instant (ISO 8601 with offset).' })
  @IsOptional() @Matches(INSTANT, { message: 'from must be an ISO 8601 date-time with offset' })
  from?: string;

  @ApiPropertyOptional({ description: 'Latest firing (event time) before this instant (ISO 8601 with offset).' })
  @IsOptional() @Matches(INSTANT, { message: 'to must be an ISO 8601 date-time with offset' })
  to?: string;

  @ApiPropertyOptional({ description: 'Cursor: the nextCursor of the previous page.' })
  @IsOptional() @Matches(/^\d{1,19}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

export class AlertSubjectResponse {
  @ApiProperty({ example: '102100099996' }) bankCode!: string;
  @ApiProperty({ example: '622202******0007', description: 'Masked when the account is held by another institution.' }) accountNumber!: string;
  @ApiProperty({ description: 'Held by your institution.' }) own!: boolean;
  @ApiProperty() masked!: boolean;
}

export class AlertEvidenceResponse {
  @ApiProperty({ type: [String], description: 'Ids of the events that made the pattern (the newest 50).' }) eventIds!: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'number' }, { type: 'string' }] },
    description: 'The figures that fired: amounts in fen (`...Fen`, integers), durations in ms (`...Ms`).',
    example: { distinctSenders: 12, inflows: 12, inflowFen: 6000000, windowMs: 86400000 },
  })
  aggregates!: Record<string, number | string>;
}

export class AlertResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: DETECTOR_NAMES }) detector!: DetectorName;
  @ApiProperty({ enum: ALERT_SEVERITIES }) severity!: AlertSeverity;
  @ApiProperty({ type: [AlertSubjectResponse], description: 'The first is the main subject.' }) subjects!: AlertSubjectResponse[];
  @ApiProperty({ type: AlertEvidenceResponse }) evidence!: AlertEvidenceResponse;
  @ApiProperty({ nullable: true, type: String, description: 'Operator and regulators only: the key repeats are merged under.' }) dedupKey!: string | null;
  @ApiProperty({ description: 'Event time of the first firing (China Standard Time).' }) firstDetectedAt!: string;
  @ApiProperty({ description: 'Event time of the latest firing (China Standard Time).' }) lastDetectedAt!: string;
  @ApiProperty({ description: 'How many times the pattern fired into this alert.' }) fireCount!: number;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class AlertPageResponse {
  @ApiProperty({ type: [AlertResponse] }) items!: AlertResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toAlertResponse(a: AlertEntity, viewer: AlertViewer): AlertResponse {
  return {
    id: a.id,
    detector: a.detector,
    severity: a.severity,
    subjects: subjectViews(a, viewer),
    evidence: { eventIds: a.eventIds, aggregates: visibleAggregates(a, viewer) },
    dedupKey: viewer.seesAll ? a.dedupKey : null,
    firstDetectedAt: formatChinaTime(a.firstDetectedAt.getTime()),
    lastDetectedAt: formatChinaTime(a.lastDetectedAt.getTime()),
    fireCount: a.fireCount,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
