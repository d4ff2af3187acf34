import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { ChainRecord } from '../../../domain/audit/hash-chain.js';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'Only records of this institution (operator and regulators only; others see their own).' })
  @IsOptional() @IsUUID()
  institutionId?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100)
  action?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64)
  subjectType?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200)
  subjectId?: string;

  @ApiPropertyOptional({ description: 'Cursor: records with a lower sequence number than this.' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  before?: number;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;
}

export class AuditRecordResponse {
  @ApiProperty() seq!: number;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() actorType!: string;
  @ApiProperty() actorId!: string;
  @ApiProperty({ nullable: true, type: String }) institutionId!: string | null;
  @ApiProperty() action!: string;
  @ApiProperty() subjectType!: string;
  @ApiProperty({ nullable: true, type: String }) subjectId!: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId!: string | null;
  @ApiProperty() outcome!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: unknown;
  @ApiProperty() hash!: string;
}

export class AuditPageResponse {
  @ApiProperty({ type: [AuditRecordResponse] }) items!: AuditRecordResponse[];
  @ApiProperty({ nullable: true, type: Number, description: 'Pass as `before` for the next page.' }) nextBefore!: number | null;
}

export class AuditBreakResponse {
  @ApiProperty({ enum: ['ALTERED', 'BROKEN_LINK', 'MISSING'] }) kind!: string;
  @ApiProperty() seq!: number;
}

export class AuditHeadResponse {
  @ApiProperty() seq!: number;
  @ApiProperty() hash!: string;
}

export class AuditVerifyResponse {
  @ApiProperty() ok!: boolean;
  @ApiProperty() checked!: number;
  @ApiProperty({ type: AuditBreakResponse, nullable: true }) firstBreak!: AuditBreakResponse | null;
  @ApiProperty({ type: AuditHeadResponse, nullable: true, description: 'The last record checked; keep it to detect later truncation.' }) head!: AuditHeadResponse | null;
}

export function toAuditRecordResponse(r: ChainRecord): AuditRecordResponse {
  return {
    seq: r.seq,
    occurredAt: r.occurredAt.toISOString(),
    actorType: r.actorType,
    actorId: r.actorId,
    institutionId: r.institutionId,
    action: r.action,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    requestId: r.requestId,
    outcome: r.outcome,
    details: r.details,
    hash: r.hash,
  };
}
