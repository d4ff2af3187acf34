import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MEASURES, type RestrictionMeasure } from '../../../domain/restrictions/index.js';
import { BULK_JOB_STATUSES, type RestrictionBulkJobEntity } from '../restriction-bulk-job.entity.js';
import { BULK_ROW_STATUSES, type BulkRowStatus, type RestrictionBulkRowEntity } from '../restriction-bulk-row.entity.js';
import { BULK_MAX_PERSONS } from '../restriction-bulk.service.js';
import { RestrictionBasisDto, RestrictionDailyLimitDto } from './orders.dto.js';

export class CreateRestrictionBulkJobDto {
  @ApiProperty({ enum: MEASURES }) @IsIn(MEASURES)
  level!: RestrictionMeasure;

  @ApiProperty({ type: RestrictionBasisDto }) @ValidateNested() @Type(() => RestrictionBasisDto)
  basis!: RestrictionBasisDto;

  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true })
  effectiveFrom?: string;

  @ApiPropertyOptional({ description: 'Omit with a JOINT_PUNISHMENT basis to derive each person\u2019s term (chained under the 5-year cap).' })
  @IsOptional() @IsISO8601({ strict: true })
  expiresAt?: string;

  @ApiPropertyOptional({ type: RestrictionDailyLimitDto }) @IsOptional() @ValidateNested() @Type(() => RestrictionDailyLimitDto)
  dailyLimit?: RestrictionDailyLimitDto;

  @ApiPropertyOptional({ type: [String], maxItems: BULK_MAX_PERSONS, description: 'Resident ID numbers. Invalid ones become INVALID rows; the rest get PERSON orders. Omit to upload the persons as a streamed CSV/NDJSON file to /bulk-jobs/{id}/persons instead (any size).' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(BULK_MAX_PERSONS) @IsString({ each: true }) @MaxLength(40, { each: true })
  idNumbers?: string[];
}

export class RestrictionBulkRowsQuery {
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) afterRow?: number;
  @ApiPropertyOptional({ default: 1000, maximum: 5000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(5000) limit?: number;
  @ApiPropertyOptional({ enum: BULK_ROW_STATUSES }) @IsOptional() @IsIn(BULK_ROW_STATUSES) status?: BulkRowStatus;
}

export class RestrictionBulkJobResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: BULK_JOB_STATUSES, description: 'AWAITING: a supervisor must approve the job (levels needing four eyes) before orders are made.' }) status!: string;
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Rows with a final result (including invalid ones).' }) processed!: number;
  @ApiProperty() created!: number;
  @ApiProperty() existing!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() percent!: number;
  @ApiProperty({ type: Object }) template!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) finishedAt!: string | null;
}

export class RestrictionBulkRowResponse {
  @ApiProperty() rowNo!: number;
  @ApiProperty({ enum: BULK_ROW_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String }) holderMasked!: string | null;
  @ApiProperty({ nullable: true, type: String }) orderId!: string | null;
  @ApiProperty({ nullable: true, type: String }) errorCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) message!: string | null;
}

export function toBulkJobResponse(j: RestrictionBulkJobEntity): RestrictionBulkJobResponse {
  const { actor: _actor, ...template } = j.template as Record<string, unknown>;
  return {
    id: j.id,
    status: j.status,
    total: j.total,
    processed: j.processed,
    created: j.created,
    existing: j.existing,
    failed: j.failed,
    percent: j.total === 0 ? 100 : Math.floor((j.processed / j.total) * 1000) / 10,
    template,
    error: j.error,
    createdAt: j.createdAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

export function toBulkRowResponse(r: RestrictionBulkRowEntity): RestrictionBulkRowResponse {
  return { rowNo: r.rowNo, status: r.status, holderMasked: r.holderMasked, orderId: r.orderId, errorCode: r.errorCode, message: r.message };
}
