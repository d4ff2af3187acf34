import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { SECOND_VERIFICATION_STATUSES, SECOND_VERIFICATION_TRIGGERS, type SecondVerificationEntity, type SecondVerificationStatus } from '../second-verification/second-verification.entity.js';
import type { RunSummary } from '../second-verification/second-verification.service.js';

export class SecondVerificationQueryDto {
  @ApiPropertyOptional({ enum: SECOND_VERIFICATION_STATUSES }) @IsOptional() @IsIn(SECOND_VERIFICATION_STATUSES)
  status?: SecondVerificationStatus;

  @ApiPropertyOptional() @IsOptional() @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  changed?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20)
  bankCode?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40)
  accountNumber?: string;

  @ApiPropertyOptional({ description: 'Operator and regulators only.' }) @IsOptional() @IsUUID()
  institutionId?: string;

  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

export class SecondVerificationResponse {
  @ApiProperty() id!: string;
  @ApiProperty() bankCode!: string;
  @ApiProperty() accountNumber!: string;
  @ApiProperty() institutionId!: string;
  @ApiProperty({ enum: SECOND_VERIFICATION_TRIGGERS }) trigger!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The list entry or alert that triggered it.' }) triggerRef!: string | null;
  @ApiProperty({ enum: SECOND_VERIFICATION_STATUSES }) status!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The decision compared with: the last verification, else the opening screening, else PASS.' }) baselineDecision!: string | null;
  @ApiProperty({ nullable: true, type: String }) decision!: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) changed!: boolean | null;
  @ApiProperty({ nullable: true, type: String }) screeningId!: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewItemId!: string | null;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
}

export class RunSummaryResponse {
  @ApiProperty() verified!: number;
  @ApiProperty() changed!: number;
  @ApiProperty() failed!: number;
}

export function toSecondVerificationResponse(v: SecondVerificationEntity): SecondVerificationResponse {
  return {
    id: v.id,
    bankCode: v.bankCode,
    accountNumber: v.accountNumber,
    institutionId: v.institutionId,
    trigger: v.trigger,
    triggerRef: v.triggerRef,
    status: v.status,
    dueAt: v.dueAt.toISOString(),
    baselineDecision: v.baselineDecision,
    decision: v.decision,
    changed: v.changed,
    screeningId: v.screeningId,
    reviewItemId: v.reviewItemId,
    attempts: v.attempts,
    error: v.error,
    createdAt: v.createdAt.toISOString(),
    completedAt: v.completedAt?.toISOString() ?? null,
  };
}

export function toRunSummaryResponse(s: RunSummary): RunSummaryResponse {
  return { ...s };
}
