import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IMPORT_FORMATS, IMPORT_STATUSES, type ImportJobEntity } from '../import-job.entity.js';
import type { ImportRowErrorEntity } from '../import-row-error.entity.js';

const toInt = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

export class ImportJobResponse {
  @ApiProperty() id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() institutionId!: string;
  @ApiProperty({ enum: IMPORT_FORMATS }) format!: string;
  @ApiProperty({ enum: IMPORT_STATUSES, description: 'RUNNING while the upload is read; counters grow after every batch.' }) status!: string;
  @ApiProperty({ description: 'Rows read so far, good and bad.' }) rowsRead!: number;
  @ApiProperty() rowsAccepted!: number;
  @ApiProperty({ description: 'Rows rejected; each is listed under /errors with its row number, code and message.' }) rowsRejected!: number;
  @ApiProperty() inserted!: number;
  @ApiProperty() updated!: number;
  @ApiProperty({ description: 'Rows equal to what was stored: nothing written, no new version.' }) unchanged!: number;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty() startedAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt!: string | null;
}

export class ImportRowErrorResponse {
  @ApiProperty({ description: 'NDJSON: line number from 1. CSV: the file line the record ends on (the header is line 1).' }) row!: number;
  @ApiProperty({ example: 'INVALID_RESIDENT_ID' }) code!: string;
  @ApiProperty({ nullable: true, type: String }) field!: string | null;
  @ApiProperty() message!: string;
}

export class ImportErrorsQuery {
  @ApiPropertyOptional({ description: 'Rows after this row number (paging).' }) @IsOptional() @Transform(toInt) @IsInt() @Min(0)
  afterRow?: number;

  @ApiPropertyOptional({ default: 100, maximum: 1000 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  limit?: number;
}

export class ImportListQuery {
  @ApiPropertyOptional({ enum: IMPORT_STATUSES }) @IsOptional() @IsIn(IMPORT_STATUSES)
  status?: (typeof IMPORT_STATUSES)[number];

  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(200)
  limit?: number;
}

export function toImportJobResponse(e: ImportJobEntity): ImportJobResponse {
  return {
    id: e.id,
    kind: e.kind,
    institutionId: e.institutionId,
    format: e.format,
    status: e.status,
    rowsRead: e.rowsRead,
    rowsAccepted: e.rowsAccepted,
    rowsRejected: e.rowsRejected,
    inserted: e.inserted,
    updated: e.updated,
    unchanged: e.unchanged,
    error: e.error,
    startedAt: e.startedAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    finishedAt: e.finishedAt?.toISOString() ?? null,
  };
}

export function toImportRowErrorResponse(e: ImportRowErrorEntity): ImportRowErrorResponse {
  return { row: e.rowNumber, code: e.code, field: e.field, message: e.message };
}
