import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
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
import { IsCnMobile } from '../../../common/validators/is-cn-mobile.decorator.js';
import { IsUscc } from '../../../common/validators/is-uscc.decorator.js';
import { ACCOUNT_CLASSES, CHANNELS, DECISIONS, ID_TYPES, SEVERITIES, type AccountClass, type Channel, type IdType } from '../../../domain/screening/index.js';
import type { ApplicantProfile } from '../applicant-profile.js';
import type { Explanation } from '../screening.service.js';
import type { ScreeningEntity } from '../screening.entity.js';
import { IsCalendarDate, IsDocumentNumber } from './identifier-validators.js';

const DEVICE_ID = /^[A-Za-z0-9:_.-]{8,128}$/;

export class PersonApplicantDto {
  @ApiProperty({ enum: ['PERSON'] }) @IsIn(['PERSON'])
  type!: 'PERSON';

  @ApiProperty({ example: '王小明' }) @IsString() @MinLength(1) @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: ID_TYPES }) @IsIn(ID_TYPES)
  idType!: IdType;

  @ApiProperty({ example: '11010519491231002X', description: 'Resident ID number (checked: GB 11643) or the document number for other types.' })
  @IsDocumentNumber()
  idNumber!: string;

  @ApiProperty({ example: '2035-06-30', description: 'Expiry date of the document, or LONG_TERM (长期).' }) @IsCalendarDate({ longTerm: true })
  idExpiry!: string;

  @ApiPropertyOptional({ example: 'USA', description: 'ISO 3166 alpha-2/3; required unless idType is RESIDENT_ID.' })
  @ValidateIf((o: PersonApplicantDto) => o.idType !== 'RESIDENT_ID' || o.nationality !== undefined)
  @Matches(/^[A-Za-z]{2,3}$/, { message: 'nationality must be an ISO 3166 alpha-2 or alpha-3 code' })
  nationality?: string;

  @ApiPropertyOptional({ example: '1990-01-31', description: 'Required unless idType is RESIDENT_ID (the number carries it).' })
  @ValidateIf((o: PersonApplicantDto) => o.idType !== 'RESIDENT_ID' || o.birthDate !== undefined)
  @IsCalendarDate()
  birthDate?: string;

  @ApiPropertyOptional({ example: '13800138000' }) @IsOptional() @IsCnMobile()
  phone?: string;

  @ApiPropertyOptional({ example: '广东省深圳市南山区科技园路1号' }) @IsOptional() @IsString() @MaxLength(300)
  address?: string;

  @ApiPropertyOptional({ example: 'student' }) @IsOptional() @IsString() @MaxLength(100)
  occupation?: string;

  @ApiPropertyOptional({ example: 'dev-6f1c2a9b' }) @IsOptional() @Matches(DEVICE_ID, { message: 'deviceId must be 8-128 letters, digits, colon, dot, dash or underscore' })
  deviceId?: string;
}

export class LegalRepresentativeDto {
  @ApiProperty({ example: '李四' }) @IsString() @MinLength(1) @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ enum: ID_TYPES, default: 'RESIDENT_ID' }) @IsOptional() @IsIn(ID_TYPES)
  idType?: IdType;

  @ApiProperty({ example: '11010519491231002X' }) @IsDocumentNumber()
  idNumber!: string;

  @ApiPropertyOptional({ description: 'Required unless idType is RESIDENT_ID.' })
  @ValidateIf((o: LegalRepresentativeDto) => (o.idType !== undefined && o.idType !== 'RESIDENT_ID') || o.nationality !== undefined)
  @Matches(/^[A-Za-z]{2,3}$/, { message: 'nationality must be an ISO 3166 alpha-2 or alpha-3 code' })
  nationality?: string;

  @ApiPropertyOptional() @IsOptional() @IsCalendarDate()
  birthDate?: string;
}

export class EntityApplicantDto {
  @ApiProperty({ enum: ['ENTITY'] }) @IsIn(['ENTITY'])
  type!: 'ENTITY';

  @ApiProperty({ example: '深圳市某某科技有限公司' }) @IsString() @MinLength(1) @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '91440300MA5XXXXXXX' }) @IsUscc()
  uscc!: string;

  @ApiProperty({ type: LegalRepresentativeDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => LegalRepresentativeDto)
  legalRepresentative!: LegalRepresentativeDto;

  @ApiPropertyOptional() @IsOptional() @IsCnMobile()
  phone?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300)
  registeredAddress?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(DEVICE_ID, { message: 'deviceId must be 8-128 letters, digits, colon, dot, dash or underscore' })
  deviceId?: string;
}

/** What an applicant of no known type becomes: refused for its type, never passed on. */
class ApplicantBase {
  @IsIn(['PERSON', 'ENTITY'], { message: 'applicant.type must be PERSON or ENTITY' })
  type!: 'PERSON' | 'ENTITY';
}

@ApiExtraModels(PersonApplicantDto, EntityApplicantDto)
export class AccountOpeningScreeningDto {
  @ApiProperty({ example: 'br0101-20261121-0001', description: 'Unique per institution; a repeat returns the first result.' })
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'requestId must be 1-100 letters, digits, dot, dash, underscore or colon' })
  requestId!: string;

  @ApiProperty({ example: '0101' }) @Matches(/^[A-Za-z0-9-]{1,20}$/, { message: 'branchCode must be 1-20 letters, digits or dashes' })
  branchCode!: string;

  @ApiPropertyOptional({ example: '440305', description: 'GB/T 2260 code of the branch area; enables the remote-origin rules.' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'branchRegionCode must be a 6-digit GB/T 2260 division code' })
  branchRegionCode?: string;

  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS)
  channel!: Channel;

  @ApiPropertyOptional({ enum: ACCOUNT_CLASSES, description: 'Required for persons.' })
  @ValidateIf((o: AccountOpeningScreeningDto) => o.applicant?.type === 'PERSON' || o.requestedAccountClass !== undefined)
  @IsIn(ACCOUNT_CLASSES)
  requestedAccountClass?: AccountClass;

  @ApiProperty({ oneOf: [{ $ref: getSchemaPath(PersonApplicantDto) }, { $ref: getSchemaPath(EntityApplicantDto) }] })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantBase, {
    keepDiscriminatorProperty: true,
    discriminator: {
      property: 'type',
      subTypes: [
        { value: PersonApplicantDto, name: 'PERSON' },
        { value: EntityApplicantDto, name: 'ENTITY' },
      ],
    },
  })
  applicant!: PersonApplicantDto | EntityApplicantDto;
}

export class LocalizedMessageResponse {
  @ApiProperty() en!: string;
  @ApiProperty() zh!: string;
}

export class ScreeningReasonResponse {
  @ApiProperty({ example: 'CROSS_BANK_VELOCITY' }) code!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: string;
  @ApiProperty({ enum: ['SCORE_ONLY', 'REVIEW', 'REJECT'] }) outcome!: string;
  @ApiProperty({ type: LocalizedMessageResponse }) message!: LocalizedMessageResponse;
  @ApiProperty({ type: Object, description: 'What fired: list entry, counts and windows. Never names another institution.' }) evidence!: Record<string, unknown>;
  @ApiProperty({ description: 'Points this reason added to the score.' }) points!: number;
}

export class ScreeningResponse {
  @ApiProperty() screeningId!: string;
  @ApiProperty() requestId!: string;
  @ApiProperty({ enum: DECISIONS }) decision!: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) score!: number;
  @ApiPropertyOptional({ enum: ACCOUNT_CLASSES, description: 'Persons only: the class the bank may open; absent when it should not open one now.' })
  recommendedAccountClass?: string;
  @ApiProperty({ type: [ScreeningReasonResponse] }) reasons!: ScreeningReasonResponse[];
  @ApiProperty() ruleSetVersion!: string;
  @ApiProperty() screenedAt!: string;
}

export class ApplicantView {
  @ApiProperty({ enum: ['PERSON', 'ENTITY'] }) type!: string;
  @ApiProperty() name!: string;
  @ApiProperty() idType!: string;
  @ApiProperty({ description: 'Masked ID number, document or USCC.' }) idMasked!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) phoneMasked?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) deviceMasked?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) birthDate?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) householdProvinceCode?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) idExpiry?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) occupation?: string | null;
  @ApiPropertyOptional({ nullable: true, type: Object }) legalRepresentative?: { name: string; idMasked: string } | null;
}

export class ScreeningDetailResponse extends ScreeningResponse {
  @ApiProperty() institutionId!: string;
  @ApiProperty({ enum: ['ACCOUNT_OPENING', 'SECOND_VERIFICATION'] }) purpose!: string;
  @ApiProperty({ nullable: true, type: String }) branchCode!: string | null;
  @ApiProperty() channel!: string;
  @ApiProperty({ type: ApplicantView }) applicant!: ApplicantView;
  @ApiProperty({ type: Object, description: 'Which sources were consulted (negative list, registry, restrictions).' }) sources!: Record<string, unknown>;
}

export class ExplanationResponse {
  @ApiProperty() screeningId!: string;
  @ApiProperty({ description: 'The stored decision.' }) storedDecision!: string;
  @ApiProperty({ description: 'The version replayed.' }) ruleSetVersion!: string;
  @ApiProperty({ description: 'True when the replay gives exactly the stored result (same version).' }) matchesStored!: boolean;
  @ApiProperty({ enum: DECISIONS }) decision!: string;
  @ApiProperty() score!: number;
  @ApiPropertyOptional({ enum: ACCOUNT_CLASSES }) recommendedAccountClass?: string;
  @ApiProperty({ type: [ScreeningReasonResponse] }) reasons!: ScreeningReasonResponse[];
  @ApiProperty({ type: Object, description: 'The stored facts the rules ran on.' }) facts!: Record<string, unknown>;
}

export class ExplainQueryDto {
  @ApiPropertyOptional({ description: 'Replay under another stored rule-set version.' }) @IsOptional() @IsString() @MaxLength(64)
  ruleSetVersion?: string;
}

export class ScreeningListQueryDto {
  @ApiPropertyOptional({ enum: DECISIONS }) @IsOptional() @IsIn(DECISIONS)
  decision?: string;

  @ApiPropertyOptional({ description: 'Operator and regulators only.' }) @IsOptional() @IsUUID()
  institutionId?: string;

  @ApiPropertyOptional() @IsOptional() @Type(() => Date)
  from?: Date;

  @ApiPropertyOptional() @IsOptional() @Type(() => Date)
  to?: Date;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

export class ScreeningPageResponse {
  @ApiProperty({ type: [ScreeningDetailResponse] }) items!: ScreeningDetailResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toScreeningResponse(s: ScreeningEntity): ScreeningResponse {
  const r: ScreeningResponse = {
    screeningId: s.id,
    requestId: s.requestId,
    decision: s.decision,
    score: s.score,
    reasons: s.reasons as ScreeningReasonResponse[],
    ruleSetVersion: s.ruleSetVersion,
    screenedAt: s.screenedAt.toISOString(),
  };
  if (s.recommendedAccountClass !== null) r.recommendedAccountClass = s.recommendedAccountClass;
  return r;
}

function applicantView(stored: Record<string, unknown>): ApplicantView {
  const a = stored as unknown as ApplicantProfile;
  if (a.type === 'PERSON') {
    return {
      type: 'PERSON',
      name: a.name,
      idType: a.idType,
      idMasked: a.id.masked,
      phoneMasked: a.phone?.masked ?? null,
      deviceMasked: a.device?.masked ?? null,
      birthDate: a.birthDate,
      householdProvinceCode: a.householdProvinceCode,
      idExpiry: a.idExpiry ?? 'LONG_TERM',
      occupation: a.occupation,
    };
  }
  return {
    type: 'ENTITY',
    name: a.name,
    idType: 'USCC',
    idMasked: a.id.masked,
    phoneMasked: a.phone?.masked ?? null,
    deviceMasked: a.device?.masked ?? null,
    legalRepresentative: a.legalRepresentative ? { name: a.legalRepresentative.name, idMasked: a.legalRepresentative.id.masked } : null,
  };
}

export function toScreeningDetailResponse(s: ScreeningEntity): ScreeningDetailResponse {
  return {
    ...toScreeningResponse(s),
    institutionId: s.institutionId,
    purpose: s.purpose,
    branchCode: s.branchCode,
    channel: s.channel,
    applicant: applicantView(s.applicant),
    sources: (s.context['sources'] as Record<string, unknown> | undefined) ?? {},
  };
}

export function toExplanationResponse(e: Explanation): ExplanationResponse {
  const r: ExplanationResponse = {
    screeningId: e.screening.id,
    storedDecision: e.screening.decision,
    ruleSetVersion: e.replayed.ruleSetVersion,
    matchesStored: e.matchesStored,
    decision: e.replayed.decision,
    score: e.replayed.score,
    reasons: e.replayed.reasons as ScreeningReasonResponse[],
    facts: e.facts as unknown as Record<string, unknown>,
  };
  if (e.replayed.recommendedAccountClass !== undefined) r.recommendedAccountClass = e.replayed.recommendedAccountClass;
  return r;
}
