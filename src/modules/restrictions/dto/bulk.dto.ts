import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MEASURES, type RestrictionMeasure } from '../../../domain/restrictions/index.js';
import type { RestrictionBulkJobEntity } from '../restriction-bulk-job.entity.js';
import { BULK_ROW_STATUSES, type BulkRowStatus, type RestrictionBulkRowEntity } from '../restriction-bulk-row.entity.js';
import { BULK_MAX_PERSONS } from '../restriction-bulk.service.js';
import { BasisDto, DailyLimitDto } from './orders.dto.js';

export class CreateBulkJobDto {
  @ApiProperty({ enum: MEASURES }) @IsIn(MEASURES)
  level!: RestrictionMeasure;

  @ApiProperty({ type: BasisDto }) @ValidateNested() @Type(() => BasisDto)
  basis!: BasisDto;

  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true })
  effectiveFrom?: string;

  @ApiPropertyOptional({ description: 'Omit with a JOINT_PUNISHMENT basis to derive each person\u2019s term (chained under the 5-year cap).' })
  @IsOptional() @IsISO8601({ strict: true })
  expiresAt?: string;

  @ApiPropertyOptional({ type: DailyLimitDto }) @IsOptional() @ValidateNested() @Type(() => DailyLimitDto)
  dailyLimit?: DailyLimitDto;

  @ApiProperty({ type: [String], maxItems: BULK_MAX_PERSONS, description: 'Resident ID numbers. Invalid ones become INVALID rows; the rest get PERSON orders.' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(BULK_MAX_PERSONS) @IsString({ each: true }) @MaxLength(40, { each: true })
  idNumbers!: string[];
}

export class BulkRowsQuery {
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) afterRow?: number;
  @ApiPropertyOptional({ default: 1000, maximum: 5000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(5000) limit?: number;
  @ApiPropertyOptional({ enum: BULK_ROW_STATUSES }) @IsOptional() @IsIn(BULK_ROW_STATUSES) status?: BulkRowStatus;
}

export class BulkJobResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED'] }) status!: string;
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

export class BulkRowResponse {
  @ApiProperty() rowNo!: number;
  @ApiProperty({ enum: BULK_ROW_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String }) holderMasked!: string | null;
  @ApiProperty({ nullable: true, type: String }) orderId!: string | null;
  @ApiProperty({ nullable: true, type: String }) errorCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) message!: string | null;
}

export function toBulkJobResponse(j: RestrictionBulkJobEntity): BulkJobResponse {
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

export function toBulkRowResponse(r: RestrictionBulkRowEntity): BulkRowResponse {
  return { rowNo: r.rowNo, status: r.status, holderMasked: r.holderMasked, orderId: r.orderId, errorCode: r.errorCode, message: r.message };
}
