import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import type { InstitutionReport } from '../rescreen/rescreen.repository.js';
import type { RescreenHitEntity } from '../rescreen/rescreen-hit.entity.js';
import { RESCREEN_KINDS, RESCREEN_STATUSES, type RescreenJobEntity, type RescreenStatus } from '../rescreen/rescreen-job.entity.js';
import type { RescreenProgress } from '../rescreen/rescreen.service.js';

export class CreateRescreenJobDto {
  @ApiProperty({ enum: RESCREEN_KINDS, description: 'FULL: all accounts against the whole list and the registry. INCREMENTAL (operator): named entries against all accounts.' })
  @IsIn(RESCREEN_KINDS)
  kind!: 'FULL' | 'INCREMENTAL';

  @ApiPropertyOptional({ description: 'FULL, operator only: rescreen one institution\'s accounts. Banks always rescreen their own.' })
  @IsOptional() @IsUUID()
  institutionId?: string;

  @ApiPropertyOptional({ type: [String], description: 'INCREMENTAL: negative-list entry ids.' })
  @ValidateIf((o: CreateRescreenJobDto) => o.kind === 'INCREMENTAL')
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100_000) @IsUUID('all', { each: true })
  entryIds?: string[];
}

export class RescreenJobQueryDto {
  @ApiPropertyOptional({ enum: RESCREEN_STATUSES }) @IsOptional() @IsIn(RESCREEN_STATUSES)
  status?: RescreenStatus;

  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}

export class HitsQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ default: 100, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;
}

export class DownloadQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'ndjson'], default: 'csv' }) @IsOptional() @IsIn(['csv', 'ndjson'])
  format?: 'csv' | 'ndjson';
}

export class RescreenProgressResponse {
  @ApiProperty({ description: 'Listed identifiers (entries and registry findings) matched so far.' }) done!: number;
  @ApiProperty() total!: number;
  @ApiProperty() percent!: number;
  @ApiProperty({ nullable: true, type: Number }) ratePerSecond!: number | null;
  @ApiProperty({ nullable: true, type: Number }) etaSeconds!: number | null;
}

export class RescreenJobResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: RESCREEN_KINDS }) kind!: string;
  @ApiProperty({ enum: RESCREEN_STATUSES, description: 'Reports are served once COMPLETED; a RUNNING job resumes after a restart.' }) status!: string;
  @ApiProperty({ nullable: true, type: String }) institutionId!: string | null;
  @ApiProperty() trigger!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'INCREMENTAL: how many entries changed.' }) entries!: number | null;
  @ApiProperty({ type: RescreenProgressResponse }) progress!: RescreenProgressResponse;
  @ApiProperty({ description: 'Hits the caller may see: all for the operator and regulators, its own accounts\' for a bank.' }) hits!: number;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
}

export class InstitutionReportResponse {
  @ApiProperty() institutionId!: string;
  @ApiProperty() hits!: number;
  @ApiProperty() accounts!: number;
  @ApiProperty({ description: 'JSON pages of the hits.' }) hitsUrl!: string;
  @ApiProperty({ description: 'The whole report, streamed (?format=csv|ndjson).' }) downloadUrl!: string;
}

export class RescreenReportsResponse {
  @ApiProperty() jobId!: string;
  @ApiProperty({ type: [InstitutionReportResponse] }) reports!: InstitutionReportResponse[];
}

export class RescreenHitResponse {
  @ApiProperty() bankCode!: string;
  @ApiProperty() accountNumber!: string;
  @ApiProperty({ enum: ['HOLDER', 'PHONE', 'DEVICE', 'ACCOUNT', 'REGISTRY'] }) matchKind!: string;
  @ApiProperty({ description: 'Negative-list entry id, or registry:<USCC>.' }) matchRef!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ type: [String] }) measures!: string[];
  @ApiProperty() holderType!: string;
  @ApiProperty() holderMasked!: string;
  @ApiProperty({ nullable: true, type: String }) holderName!: string | null;
  @ApiProperty({ nullable: true, type: String }) accountClass!: string | null;
  @ApiProperty({ nullable: true, type: String }) branchCode!: string | null;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ enum: ['OPENING', 'LOAD'] }) source!: string;
}

export class RescreenHitPageResponse {
  @ApiProperty({ type: [RescreenHitResponse] }) items!: RescreenHitResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toRescreenJobResponse(j: RescreenJobEntity, progress: RescreenProgress, hits: number): RescreenJobResponse {
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    institutionId: j.institutionId,
    trigger: j.trigger,
    entries: j.entryIds?.length ?? null,
    progress,
    hits,
    attempts: j.attempts,
    error: j.error,
    createdAt: j.createdAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
    completedAt: j.completedAt?.toISOString() ?? null,
  };
}

export function toInstitutionReportResponse(jobId: string, r: InstitutionReport): InstitutionReportResponse {
  const base = `/v1/rescreen-jobs/${jobId}/reports/${r.institutionId}`;
  return { institutionId: r.institutionId, hits: r.hits, accounts: r.accounts, hitsUrl: `${base}/hits`, downloadUrl: `${base}/download` };
}

export function toRescreenHitResponse(h: RescreenHitEntity): RescreenHitResponse {
  return {
    bankCode: h.bankCode,
    accountNumber: h.accountNumber,
    matchKind: h.matchKind,
    matchRef: h.matchRef,
    category: h.category,
    measures: [...h.measures],
    holderType: h.holderType,
    holderMasked: h.holderMasked,
    holderName: h.holderName,
    accountClass: h.accountClass,
    branchCode: h.branchCode,
    openedAt: h.openedAt.toISOString(),
    source: h.source,
  };
}

export const HIT_CSV_COLUMNS = ['bankCode', 'accountNumber', 'matchKind', 'matchRef', 'category', 'measures', 'holderType', 'holderMasked', 'holderName', 'accountClass', 'branchCode', 'openedAt', 'source'] as const;

function csvCell(v: unknown): string {
  const s = Array.isArray(v) ? v.join(';') : v === null || v === undefined ? '' : String(v);
  // Quote when needed, and neutralise spreadsheet formulas.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function hitCsvLine(h: RescreenHitResponse): string {
  return HIT_CSV_COLUMNS.map((c) => csvCell(h[c])).join(',') + '\n';
}
