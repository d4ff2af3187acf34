import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsResidentIdNumber } from '../../../common/validators/is-resident-id-number.decorator.js';
import { IsUscc } from '../../../common/validators/is-uscc.decorator.js';
import { DECISION_KINDS, type DecisionKind } from '../../../domain/cases/decision-policy.js';
import { MAX_SUPPRESSION_DAYS } from '../../../domain/cases/suppression.js';
import { ENTRY_CATEGORIES, ENTRY_MEASURES, FRAUD_TYPES } from '../../../domain/negative-list/taxonomy.js';
import { LEVELS } from '../../../domain/restrictions/ladder.js';
import type { CaseDecisionEntity } from '../entities/case-decision.entity.js';
import type { CaseSuppressionEntity } from '../entities/case-suppression.entity.js';

export class CaseRestrictionParamsDto {
  @ApiProperty({ enum: LEVELS }) @IsIn(LEVELS)
  level!: string;

  @ApiPropertyOptional({ description: 'When the order ends (ISO 8601). Omit both this and termDays for an order without an end.' })
  @IsOptional() @IsISO8601()
  expiresAt?: string;

  @ApiPropertyOptional({ description: 'Term in days from now, instead of expiresAt.' }) @IsOptional() @IsInt() @Min(1) @Max(3650)
  termDays?: number;
}

export class CaseListingParamsDto {
  @ApiProperty({ enum: ENTRY_CATEGORIES }) @IsIn(ENTRY_CATEGORIES)
  category!: string;

  @ApiPropertyOptional({ enum: FRAUD_TYPES, default: 'OTHER' }) @IsOptional() @IsIn(FRAUD_TYPES)
  fraudType?: string;

  @ApiPropertyOptional({ enum: ENTRY_MEASURES, isArray: true, description: 'Default: NO_NEW_ACCOUNTS and NON_COUNTER_SUSPENDED for persons and entities, NON_COUNTER_SUSPENDED for accounts.' })
  @IsOptional() @IsArray() @ArrayMaxSize(ENTRY_MEASURES.length) @IsIn(ENTRY_MEASURES, { each: true })
  measures?: string[];

  @ApiPropertyOptional({ description: 'Expiry; omitted, the list applies the joint-punishment term.' }) @IsOptional() @IsISO8601()
  expiresAt?: string;
}

export class CaseSuppressParamsDto {
  @ApiProperty({ minimum: 1, maximum: MAX_SUPPRESSION_DAYS }) @IsInt() @Min(1) @Max(MAX_SUPPRESSION_DAYS)
  days!: number;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1000)
  reason!: string;

  @ApiPropertyOptional({ type: [String], description: 'Which findings of the case to suppress; all of them when omitted.' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(64, { each: true })
  findingCodes?: string[];
}

export class CaseSubjectIdentifierDto {
  @ApiPropertyOptional() @IsOptional() @IsResidentIdNumber()
  idNumber?: string;

  @ApiPropertyOptional() @IsOptional() @IsUscc()
  uscc?: string;

  @ApiPropertyOptional({ description: 'The name to put on a list entry when the case has none.' }) @IsOptional() @IsString() @MaxLength(200)
  name?: string;
}

export class CaseDecideDto {
  @ApiProperty({ enum: DECISION_KINDS }) @IsIn(DECISION_KINDS)
  kind!: DecisionKind;

  @ApiProperty({ description: 'Why: shown in the timeline and exported in packages.' }) @IsString() @MinLength(1) @MaxLength(4000)
  reason!: string;

  @ApiPropertyOptional({ type: CaseRestrictionParamsDto }) @IsOptional() @ValidateNested() @Type(() => CaseRestrictionParamsDto)
  restriction?: CaseRestrictionParamsDto;

  @ApiPropertyOptional({ type: CaseListingParamsDto }) @IsOptional() @ValidateNested() @Type(() => CaseListingParamsDto)
  listing?: CaseListingParamsDto;

  @ApiPropertyOptional({ type: CaseSuppressParamsDto, description: 'FALSE_POSITIVE only: keep the same findings on this subject out of the queue for a while.' })
  @IsOptional() @ValidateNested() @Type(() => CaseSuppressParamsDto)
  suppress?: CaseSuppressParamsDto;

  @ApiPropertyOptional({ type: CaseSubjectIdentifierDto, description: 'The subject\'s ID number or USCC when the decision must name it (a negative-list entry); checked against the case subject, never stored by the case.' })
  @IsOptional() @ValidateNested() @Type(() => CaseSubjectIdentifierDto)
  identifier?: CaseSubjectIdentifierDto;
}

export class CaseApproveDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({ type: CaseSubjectIdentifierDto }) @IsOptional() @ValidateNested() @Type(() => CaseSubjectIdentifierDto)
  identifier?: CaseSubjectIdentifierDto;
}

export class CaseRejectDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000)
  comment!: string;
}

export class CaseSuppressionQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40)
  institutionId?: string;

  @ApiPropertyOptional({ description: 'true: live ones only; false: revoked or expired only.' }) @IsOptional() @IsIn(['true', 'false'])
  active?: 'true' | 'false';

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64)
  findingCode?: string;

  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;
}

export class CaseDecisionResponse {
  @ApiProperty() id!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty({ enum: DECISION_KINDS }) kind!: string;
  @ApiProperty({ enum: ['PENDING_APPROVAL', 'APPLYING', 'APPLIED', 'REJECTED', 'FAILED'] }) status!: string;
  @ApiProperty() needsApproval!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true }) params!: Record<string, unknown>;
  @ApiProperty() reason!: string;
  @ApiProperty() decidedBy!: string;
  @ApiProperty() decidedByName!: string;
  @ApiProperty() decidedAt!: string;
  @ApiProperty({ nullable: true, type: String }) reviewedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewedByName!: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewComment!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) outcome!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) appliedAt!: string | null;
}

export class CaseSuppressionResponse {
  @ApiProperty() id!: string;
  @ApiProperty() institutionId!: string;
  @ApiProperty() subjectType!: string;
  @ApiProperty() subjectDisplay!: string;
  @ApiProperty() findingCode!: string;
  @ApiProperty({ enum: ['RULE', 'DETECTOR'] }) findingKind!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty() decisionId!: string;
  @ApiProperty() createdByName!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() expiresAt!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ nullable: true, type: String }) revokedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) revokeReason!: string | null;
  @ApiProperty({ description: 'Items kept out of the queue by this suppression.' }) hitCount!: number;
  @ApiProperty({ nullable: true, type: String }) lastHitAt!: string | null;
}

export class CaseSuppressionPageResponse {
  @ApiProperty({ type: [CaseSuppressionResponse] }) items!: CaseSuppressionResponse[];
  @ApiProperty() total!: number;
}

/** A raw identifier waiting for approval is never shown, only that it was given. */
function publicParams(params: Record<string, unknown>): Record<string, unknown> {
  if (!('pendingIdentifier' in params)) return params;
  const { pendingIdentifier: _hidden, ...rest } = params;
  return { ...rest, identifierProvided: true };
}

export function toCaseDecisionResponse(d: CaseDecisionEntity): CaseDecisionResponse {
  return {
    id: d.id,
    caseId: d.caseId,
    kind: d.kind,
    status: d.status,
    needsApproval: d.needsApproval,
    params: publicParams(d.params),
    reason: d.reason,
    decidedBy: d.decidedBy,
    decidedByName: d.decidedByName,
    decidedAt: d.decidedAt.toISOString(),
    reviewedBy: d.reviewedBy,
    reviewedByName: d.reviewedByName,
    reviewedAt: d.reviewedAt?.toISOString() ?? null,
    reviewComment: d.reviewComment,
    outcome: d.outcome,
    appliedAt: d.appliedAt?.toISOString() ?? null,
  };
}

export function toCaseSuppressionResponse(s: CaseSuppressionEntity, active: boolean): CaseSuppressionResponse {
  return {
    id: s.id,
    institutionId: s.institutionId,
    subjectType: s.subjectType,
    subjectDisplay: s.subjectDisplay,
    findingCode: s.findingCode,
    findingKind: s.findingKind,
    reason: s.reason,
    caseId: s.caseId,
    decisionId: s.decisionId,
    createdByName: s.createdByName,
    createdAt: s.createdAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    active,
    revokedAt: s.revokedAt?.toISOString() ?? null,
    revokeReason: s.revokeReason,
    hitCount: s.hitCount,
    lastHitAt: s.lastHitAt?.toISOString() ?? null,
  };
}
