import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { REVIEW_ITEM_KINDS, REVIEW_ITEM_SEVERITIES, REVIEW_ITEM_STATUSES, type ReviewItemEntity, type ReviewItemKind, type ReviewItemStatus } from '../review-item.entity.js';

export class ReviewItemQueryDto {
  @ApiPropertyOptional({ enum: REVIEW_ITEM_KINDS }) @IsOptional() @IsIn(REVIEW_ITEM_KINDS)
  kind?: ReviewItemKind;

  @ApiPropertyOptional({ enum: REVIEW_ITEM_STATUSES }) @IsOptional() @IsIn(REVIEW_ITEM_STATUSES)
  status?: ReviewItemStatus;

  @ApiPropertyOptional({ description: 'Operator and regulators only; banks always see their own.' }) @IsOptional() @IsUUID()
  institutionId?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID()
  screeningId?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

export class ReviewItemResponse {
  @ApiProperty() id!: string;
  @ApiProperty() institutionId!: string;
  @ApiProperty({ enum: REVIEW_ITEM_KINDS }) kind!: string;
  @ApiProperty({ enum: REVIEW_ITEM_STATUSES }) status!: string;
  @ApiProperty({ enum: REVIEW_ITEM_SEVERITIES }) severity!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) screeningId!: string | null;
  @ApiProperty({ nullable: true, type: String }) bankCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) accountNumber!: string | null;
  @ApiProperty({ enum: ['PERSON', 'ENTITY', 'ACCOUNT'] }) subjectType!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Masked identifier of the applicant, holder or account.' }) subjectMasked!: string | null;
  @ApiProperty({ nullable: true, type: String }) subjectName!: string | null;
  @ApiProperty({ type: [String], description: 'Rule codes or match kinds behind the item.' }) findingCodes!: string[];
  @ApiProperty({ nullable: true, type: String }) sourceRef!: string | null;
  @ApiProperty({ type: Object }) details!: Record<string, unknown>;
  @ApiProperty() createdAt!: string;
}

export class ReviewItemPageResponse {
  @ApiProperty({ type: [ReviewItemResponse] }) items!: ReviewItemResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toReviewItemResponse(e: ReviewItemEntity): ReviewItemResponse {
  return {
    id: e.id,
    institutionId: e.institutionId,
    kind: e.kind,
    status: e.status,
    severity: e.severity,
    title: e.title,
    screeningId: e.screeningId,
    bankCode: e.bankCode,
    accountNumber: e.accountNumber,
    subjectType: e.subjectType,
    subjectMasked: e.subjectMasked,
    subjectName: e.subjectName,
    findingCodes: [...e.findingCodes],
    sourceRef: e.sourceRef,
    details: e.details,
    createdAt: e.createdAt.toISOString(),
  };
}
