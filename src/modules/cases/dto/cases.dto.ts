import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsBankAccountNumber } from '../../../common/validators/is-bank-account-number.decorator.js';
import { IsResidentIdNumber } from '../../../common/validators/is-resident-id-number.decorator.js';
import { IsUscc } from '../../../common/validators/is-uscc.decorator.js';
import { CASE_STATUSES, type CaseStatus } from '../../../domain/cases/case-status.js';
import { personProfile, type PersonProfile } from '../../../domain/cases/subject-profile.js';
import { SEVERITIES, type Severity } from '../../../domain/cases/severity.js';
import { QUEUE_SORTS, type QueueSort } from '../cases.repository.js';
import { CASE_SOURCES, CASE_SUBJECT_TYPES, type CaseSource, type CaseSubjectType } from '../cases.types.js';
import type { CaseEventEntity } from '../entities/case-event.entity.js';
import type { CaseItemEntity } from '../entities/case-item.entity.js';
import type { CaseEntity } from '../entities/case.entity.js';

const csv = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter((s) => s.length > 0) : value;
const bool = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class CaseQueryDto {
  @ApiPropertyOptional({ description: 'Operator and regulators only: one institution.' }) @IsOptional() @IsUUID()
  institutionId?: string;

  @ApiPropertyOptional({ description: 'Comma-separated statuses.', example: 'OPEN,IN_REVIEW' })
  @IsOptional() @Transform(csv) @IsArray() @IsIn(CASE_STATUSES, { each: true })
  status?: CaseStatus[];

  @ApiPropertyOptional({ description: 'Comma-separated priorities.', example: 'CRITICAL,HIGH' })
  @IsOptional() @Transform(csv) @IsArray() @IsIn(SEVERITIES, { each: true })
  priority?: Severity[];

  @ApiPropertyOptional({ description: 'true: only overdue open cases; false: only cases not overdue.' })
  @IsOptional() @Transform(bool) @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'A user id, ME or UNASSIGNED.' })
  @IsOptional() @IsString() @Matches(/^(ME|UNASSIGNED|[0-9a-fA-F-]{36})$/)
  assignee?: string;

  @ApiPropertyOptional({ enum: CASE_SUBJECT_TYPES }) @IsOptional() @IsIn(CASE_SUBJECT_TYPES)
  subjectType?: CaseSubjectType;

  @ApiPropertyOptional({ enum: CASE_SOURCES }) @IsOptional() @IsIn(CASE_SOURCES)
  source?: CaseSource;

  @ApiPropertyOptional({ description: 'Cases with this rule code or detector among their findings.' }) @IsOptional() @IsString() @MaxLength(64)
  findingCode?: string;

  @ApiPropertyOptional({ enum: QUEUE_SORTS, default: 'priority' }) @IsOptional() @IsIn(QUEUE_SORTS)
  sort?: QueueSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], description: 'Default: desc for priority, asc otherwise.' }) @IsOptional() @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000)
  offset?: number;
}

export class CaseReferralSubjectDto {
  @ApiProperty({ enum: CASE_SUBJECT_TYPES }) @IsIn(CASE_SUBJECT_TYPES)
  type!: CaseSubjectType;

  @ApiPropertyOptional({ description: 'PERSON: resident ID number.' })
  @ValidateIf((o: CaseReferralSubjectDto) => o.type === 'PERSON') @IsResidentIdNumber()
  idNumber?: string;

  @ApiPropertyOptional({ description: 'ENTITY: unified social credit code.' })
  @ValidateIf((o: CaseReferralSubjectDto) => o.type === 'ENTITY') @IsUscc()
  uscc?: string;

  @ApiPropertyOptional({ description: 'ACCOUNT: bank code.' })
  @ValidateIf((o: CaseReferralSubjectDto) => o.type === 'ACCOUNT') @IsString() @Matches(/^[A-Za-z0-9]{2,20}$/)
  bankCode?: string;

  @ApiPropertyOptional({ description: 'ACCOUNT: account number.' })
  @ValidateIf((o: CaseReferralSubjectDto) => o.type === 'ACCOUNT') @IsBankAccountNumber()
  accountNumber?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200)
  name?: string;
}

export class CaseReferralDto {
  @ApiProperty({ type: CaseReferralSubjectDto }) @ValidateNested() @Type(() => CaseReferralSubjectDto)
  subject!: CaseReferralSubjectDto;

  @ApiProperty({ enum: SEVERITIES }) @IsIn(SEVERITIES)
  severity!: Severity;

  @ApiProperty({ example: 'Branch staff saw the customer coached by a companion while opening accounts.' })
  @IsString() @MinLength(1) @MaxLength(500)
  summary!: string;

  @ApiPropertyOptional({ type: [String], description: 'Rule codes or detector names the referral concerns, if any.' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(64, { each: true })
  findingCodes?: string[];

  @ApiPropertyOptional({ description: 'Where the referral came from (a police notice number, a branch report).' })
  @IsOptional() @IsString() @MaxLength(200)
  reference?: string;
}

export class CaseNoteDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(4000)
  text!: string;
}

export class CaseAssignDto {
  @ApiPropertyOptional({ description: 'The analyst or supervisor to assign; omit with mode ROUND_ROBIN.' })
  @ValidateIf((o: CaseAssignDto) => o.mode !== 'ROUND_ROBIN') @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ enum: ['USER', 'ROUND_ROBIN'], default: 'USER' }) @IsOptional() @IsIn(['USER', 'ROUND_ROBIN'])
  mode?: 'USER' | 'ROUND_ROBIN';
}

export class CaseReasonDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000)
  reason!: string;
}

export class CaseAssigneeOptionResponse {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ nullable: true, type: String }) displayName!: string | null;
  @ApiProperty({ type: [String] }) roles!: string[];
}

export class CaseSubjectResponse {
  @ApiProperty({ enum: CASE_SUBJECT_TYPES }) type!: string;
  @ApiProperty({ description: 'Masked identifier.' }) display!: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
}

export class CaseAssigneeResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
}

export class CaseResponse {
  @ApiProperty() id!: string;
  @ApiProperty() institutionId!: string;
  @ApiProperty({ type: CaseSubjectResponse }) subject!: CaseSubjectResponse;
  @ApiProperty({ enum: CASE_STATUSES }) status!: string;
  @ApiProperty({ enum: SEVERITIES }) priority!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: CaseAssigneeResponse, nullable: true }) assignee!: CaseAssigneeResponse | null;
  @ApiProperty() openedAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The kind of the decision that closed the case.' }) resolution!: string | null;
  @ApiProperty() itemCount!: number;
  @ApiProperty({ nullable: true, type: String }) lastItemAt!: string | null;
  @ApiProperty({ type: [String] }) sources!: string[];
  @ApiProperty({ type: [String] }) findingCodes!: string[];
  @ApiProperty() reopenCount!: number;
}

export class CasePageResponse {
  @ApiProperty({ type: [CaseResponse] }) items!: CaseResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class CaseItemResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) caseId!: string | null;
  @ApiProperty({ enum: CASE_SOURCES }) source!: string;
  @ApiProperty() sourceId!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: string;
  @ApiProperty({ type: [String] }) findingCodes!: string[];
  @ApiProperty({ type: [String] }) suppressedCodes!: string[];
  @ApiProperty() queued!: boolean;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) evidence!: Record<string, unknown>;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() recordedAt!: string;
}

export class CaseEventResponse {
  @ApiProperty() seq!: number;
  @ApiProperty() at!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() actorType!: string;
  @ApiProperty() actorId!: string;
  @ApiProperty({ nullable: true, type: String }) actorName!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
}

export class CaseAttachResultResponse {
  @ApiProperty({ enum: ['QUEUED', 'SUPPRESSED', 'BELOW_THRESHOLD', 'DUPLICATE'] }) outcome!: string;
  @ApiProperty({ nullable: true, type: String }) itemId!: string | null;
  @ApiProperty({ nullable: true, type: String }) caseId!: string | null;
  @ApiProperty() caseCreated!: boolean;
  @ApiProperty({ type: [String] }) suppressedCodes!: string[];
}

export function toCaseResponse(c: CaseEntity, overdue: boolean): CaseResponse {
  return {
    id: c.id,
    institutionId: c.institutionId,
    subject: { type: c.subjectType, display: c.subjectDisplay, name: c.subjectName },
    status: c.status,
    priority: c.priority,
    dueAt: c.dueAt.toISOString(),
    overdue,
    assignee: c.assigneeId ? { id: c.assigneeId, name: c.assigneeName } : null,
    openedAt: c.openedAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
    resolution: c.resolution,
    itemCount: c.itemCount,
    lastItemAt: c.lastItemAt?.toISOString() ?? null,
    sources: c.sources,
    findingCodes: c.findingCodes,
    reopenCount: c.reopenCount,
  };
}

export function toCaseItemResponse(i: CaseItemEntity): CaseItemResponse {
  return {
    id: i.id,
    caseId: i.caseId,
    source: i.source,
    sourceId: i.sourceId,
    severity: i.severity,
    findingCodes: i.findingCodes,
    suppressedCodes: i.suppressedCodes,
    queued: i.queued,
    summary: i.summary,
    evidence: i.evidence,
    occurredAt: i.occurredAt.toISOString(),
    recordedAt: i.recordedAt.toISOString(),
  };
}

export function toCaseEventResponse(e: CaseEventEntity): CaseEventResponse {
  return { seq: e.seq, at: e.at.toISOString(), kind: e.kind, actorType: e.actorType, actorId: e.actorId, actorName: e.actorName, details: e.details };
}

export function personProfileOf(c: CaseEntity, now: Date): PersonProfile | null {
  return c.subjectType === 'PERSON' ? personProfile(c.subjectAttributes, now) : null;
}
