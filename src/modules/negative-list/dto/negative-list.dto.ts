import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { ENTRY_CATEGORIES, ENTRY_MEASURES, ENTRY_STATUSES, FRAUD_TYPES, SUBJECT_TYPES, type EntryCategory, type EntryMeasure, type EntryStatus, type FraudType, type SubjectType } from '../../../domain/negative-list/taxonomy.js';

const toInt = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
const toBool = ({ value }: { value: unknown }): unknown => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value);
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;
const INSTANT_MESSAGE = 'must be YYYY-MM-DD (00:00 China Standard Time) or an ISO 8601 date-time with offset';

export class EntrySubjectDto {
  @ApiProperty({ enum: SUBJECT_TYPES }) @IsIn(SUBJECT_TYPES)
  type!: SubjectType;

  @ApiPropertyOptional({ description: 'Resident ID number (PERSON).', example: '11010519491231002X' }) @IsOptional() @IsString() @MaxLength(40)
  idNumber?: string;

  @ApiPropertyOptional({ description: 'Passport or permit number of a foreign person (with nationality and birthDate).' }) @IsOptional() @IsString() @MaxLength(60)
  documentNumber?: string;

  @ApiPropertyOptional({ description: 'ISO 3166 alpha-2 or alpha-3.', example: 'USA' }) @IsOptional() @IsString() @MaxLength(3)
  nationality?: string;

  @ApiPropertyOptional({ description: "Required for persons; a company's or account holder's name otherwise." }) @IsOptional() @IsString() @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: '1990-05-01' }) @IsOptional() @IsString() @MaxLength(10)
  birthDate?: string;

  @ApiPropertyOptional({ description: 'ENTITY' }) @IsOptional() @IsString() @MaxLength(40)
  uscc?: string;

  @ApiPropertyOptional({ description: 'PHONE' }) @IsOptional() @IsString() @MaxLength(40)
  phone?: string;

  @ApiPropertyOptional({ description: 'ACCOUNT' }) @IsOptional() @IsString() @MaxLength(40)
  bankCode?: string;

  @ApiPropertyOptional({ description: 'ACCOUNT' }) @IsOptional() @IsString() @MaxLength(60)
  accountNumber?: string;

  @ApiPropertyOptional({ description: 'DEVICE: a device fingerprint.' }) @IsOptional() @IsString() @MaxLength(200)
  device?: string;
}

export class CreateEntryDto {
  @ApiPropertyOptional({ description: "Your own reference; a later import row with the same reference updates this entry." }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  externalRef?: string;

  @ApiProperty({ type: EntrySubjectDto }) @ValidateNested() @Type(() => EntrySubjectDto)
  subject!: EntrySubjectDto;

  @ApiProperty({ enum: ENTRY_CATEGORIES }) @IsIn(ENTRY_CATEGORIES)
  category!: EntryCategory;

  @ApiProperty({ enum: FRAUD_TYPES }) @IsIn(FRAUD_TYPES)
  fraudType!: FraudType;

  @ApiProperty({ description: 'The legal basis, as text.' }) @IsString() @MinLength(1) @MaxLength(1000)
  legalBasis!: string;

  @ApiPropertyOptional({ description: 'Number of the decision or document.' }) @IsOptional() @IsString() @MaxLength(100)
  legalBasisDocNo?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200)
  evidenceRef?: string;

  @ApiProperty({ enum: ENTRY_MEASURES, isArray: true }) @IsArray() @ArrayMaxSize(ENTRY_MEASURES.length) @IsIn(ENTRY_MEASURES, { each: true })
  measures!: EntryMeasure[];

  @ApiPropertyOptional({ description: 'Default: now.' }) @IsOptional() @Matches(INSTANT, { message: `effectiveFrom ${INSTANT_MESSAGE}` })
  effectiveFrom?: string;

  @ApiPropertyOptional({ description: 'Omit for the statutory term: 3 years for convicted persons, 2 for designated card/account sellers, chained and capped at 5 consecutive years; other entries without expiry stay until revoked.' })
  @IsOptional() @Matches(INSTANT, { message: `expiresAt ${INSTANT_MESSAGE}` })
  expiresAt?: string;
}

export class AmendEntryDto {
  @ApiProperty({ description: 'Why the entry changes; kept in its history.' }) @IsString() @MinLength(1) @MaxLength(1000)
  reason!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  subjectName?: string;

  @ApiPropertyOptional({ enum: ENTRY_CATEGORIES }) @IsOptional() @IsIn(ENTRY_CATEGORIES)
  category?: EntryCategory;

  @ApiPropertyOptional({ enum: FRAUD_TYPES }) @IsOptional() @IsIn(FRAUD_TYPES)
  fraudType?: FraudType;

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(1000)
  legalBasis?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100)
  legalBasisDocNo?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200)
  evidenceRef?: string;

  @ApiPropertyOptional({ enum: ENTRY_MEASURES, isArray: true }) @IsOptional() @IsArray() @ArrayMaxSize(ENTRY_MEASURES.length) @IsIn(ENTRY_MEASURES, { each: true })
  measures?: EntryMeasure[];

  @ApiPropertyOptional() @IsOptional() @Matches(INSTANT, { message: `effectiveFrom ${INSTANT_MESSAGE}` })
  effectiveFrom?: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'A new expiry; null returns to the statutory term.' })
  @IsOptional() @Matches(INSTANT, { message: `expiresAt ${INSTANT_MESSAGE}` })
  expiresAt?: string | null;
}

export class RevokeEntryDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1000)
  reason!: string;
}

export class RevealQuery {
  @ApiPropertyOptional({ description: 'Show identifiers in full where your institution may (contributor, operator, regulators). Audited.' })
  @IsOptional() @Transform(toBool) @IsBoolean()
  reveal?: boolean;
}

export class ListEntriesQuery extends RevealQuery {
  @ApiPropertyOptional({ enum: ENTRY_STATUSES, description: 'Derived from the clock: an entry past its expiry is EXPIRED.' }) @IsOptional() @IsIn(ENTRY_STATUSES)
  status?: EntryStatus;

  @ApiPropertyOptional({ enum: ENTRY_CATEGORIES }) @IsOptional() @IsIn(ENTRY_CATEGORIES)
  category?: EntryCategory;

  @ApiPropertyOptional({ enum: SUBJECT_TYPES }) @IsOptional() @IsIn(SUBJECT_TYPES)
  subjectType?: SubjectType;

  @ApiPropertyOptional({ description: 'Only entries your institution contributed.' }) @IsOptional() @Transform(toBool) @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ description: 'Your external reference (with mine=true).' }) @IsOptional() @IsString() @MaxLength(200)
  externalRef?: string;

  @ApiPropertyOptional({ description: 'Entries changed at or after this instant.' }) @IsOptional() @Matches(INSTANT, { message: `changedSince ${INSTANT_MESSAGE}` })
  changedSince?: string;

  @ApiPropertyOptional({ description: 'Cursor: the nextCursor of the previous page.' }) @IsOptional() @Matches(/^\d{1,19}$/)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

export class ExportQuery extends RevealQuery {
  @ApiPropertyOptional({ enum: ['ndjson', 'csv'], default: 'ndjson' }) @IsOptional() @IsIn(['ndjson', 'csv'])
  format?: 'ndjson' | 'csv';

  @ApiPropertyOptional({ enum: ENTRY_STATUSES }) @IsOptional() @IsIn(ENTRY_STATUSES)
  status?: EntryStatus;

  @ApiPropertyOptional({ enum: ENTRY_CATEGORIES }) @IsOptional() @IsIn(ENTRY_CATEGORIES)
  category?: EntryCategory;

  @ApiPropertyOptional({ enum: SUBJECT_TYPES }) @IsOptional() @IsIn(SUBJECT_TYPES)
  subjectType?: SubjectType;

  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional() @IsOptional() @Matches(INSTANT, { message: `changedSince ${INSTANT_MESSAGE}` })
  changedSince?: string;
}

export class NoticeQuery {
  @ApiPropertyOptional({ enum: ['json', 'text'], default: 'json' }) @IsOptional() @IsIn(['json', 'text'])
  format?: 'json' | 'text';
}

export class ProvenanceResponse {
  @ApiProperty() contributorInstitutionId!: string;
  @ApiProperty({ enum: ['USER', 'API_KEY', 'SYSTEM'] }) contributorActorType!: string;
  @ApiProperty() contributorActorId!: string;
  @ApiProperty({ nullable: true, type: String }) externalRef!: string | null;
  @ApiProperty() legalBasis!: string;
  @ApiProperty({ nullable: true, type: String }) legalBasisDocNo!: string | null;
  @ApiProperty({ nullable: true, type: String }) evidenceRef!: string | null;
  @ApiProperty({ nullable: true, type: String }) importId!: string | null;
}

export class EntryResponse {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: SUBJECT_TYPES }) subjectType!: string;
  @ApiProperty({ enum: ['RESIDENT_ID', 'FOREIGN_DOC', 'USCC', 'PHONE', 'ACCOUNT', 'DEVICE'] }) idKind!: string;
  @ApiProperty({ description: 'Masked unless revealed.' }) identifier!: string;
  @ApiProperty() identifierRevealed!: boolean;
  @ApiProperty({ nullable: true, type: String }) subjectName!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Shown with provenance only.' }) birthDate!: string | null;
  @ApiProperty({ enum: ENTRY_CATEGORIES }) category!: string;
  @ApiProperty({ enum: FRAUD_TYPES }) fraudType!: string;
  @ApiProperty({ enum: ENTRY_MEASURES, isArray: true }) measures!: string[];
  @ApiProperty({ enum: ENTRY_STATUSES, description: 'Derived from the clock when read.' }) status!: string;
  @ApiProperty({ nullable: true, type: String }) statusReason!: string | null;
  @ApiProperty() effectiveFrom!: string;
  @ApiProperty({ nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty({ enum: ['GIVEN', 'JOINT_PUNISHMENT_CONVICTED', 'JOINT_PUNISHMENT_CARD_SELLER', 'OPEN_ENDED'] }) termBasis!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: ProvenanceResponse, nullable: true, description: 'Contributor, basis and evidence: for the contributor, the operator and regulators only.' })
  provenance!: ProvenanceResponse | null;
}

export class EntryPageResponse {
  @ApiProperty({ type: [EntryResponse] }) items!: EntryResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class EntryVersionResponse {
  @ApiProperty() version!: number;
  @ApiProperty() action!: string;
  @ApiProperty() changedAt!: string;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'With provenance only.' }) actorType!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) institutionId!: string | null;
  @ApiProperty({ description: 'The entry after this change; provenance fields removed unless you may see them.' }) snapshot!: Record<string, unknown>;
}

// --------------------------------------------------------------------------------- appeals

export class FileAppealDto {
  @ApiProperty({ description: "The person's grounds." }) @IsString() @MinLength(1) @MaxLength(4000)
  grounds!: string;

  @ApiPropertyOptional({ description: 'When your institution received the appeal; default now.' }) @IsOptional() @Matches(INSTANT, { message: `receivedAt ${INSTANT_MESSAGE}` })
  receivedAt?: string;
}

export class DecideAppealDto {
  @ApiProperty({ enum: ['UPHELD', 'REJECTED'] }) @IsIn(['UPHELD', 'REJECTED'])
  outcome!: 'UPHELD' | 'REJECTED';

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000)
  reason!: string;
}

export class AppealsQuery {
  @ApiPropertyOptional({ enum: ['OPEN', 'UPHELD', 'REJECTED'] }) @IsOptional() @IsIn(['OPEN', 'UPHELD', 'REJECTED'])
  status?: 'OPEN' | 'UPHELD' | 'REJECTED';

  @ApiPropertyOptional({ description: 'Only open appeals past their deadline.' }) @IsOptional() @Transform(toBool) @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40)
  entryId?: string;

  @ApiPropertyOptional({ default: 100, maximum: 500 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

export class AppealResponse {
  @ApiProperty() id!: string;
  @ApiProperty() entryId!: string;
  @ApiProperty() receivedAt!: string;
  @ApiProperty() receivedByInstitutionId!: string;
  @ApiProperty() grounds!: string;
  @ApiProperty() deadlineAt!: string;
  @ApiProperty({ enum: ['OPEN', 'UPHELD', 'REJECTED'] }) status!: string;
  @ApiProperty({ description: 'Open and past the deadline now.' }) overdue!: boolean;
  @ApiProperty({ nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionReason!: string | null;
  @ApiProperty() createdAt!: string;
}

// --------------------------------------------------------------------------------- matching

export class MatchForeignDocumentDto {
  @ApiProperty({ example: 'USA' }) @IsString() @MaxLength(3)
  nationality!: string;

  @ApiProperty() @IsString() @MaxLength(60)
  number!: string;
}

export class MatchAccountDto {
  @ApiProperty() @IsString() @MaxLength(40)
  bankCode!: string;

  @ApiProperty() @IsString() @MaxLength(60)
  accountNumber!: string;
}

/** Kept lean on purpose: this is a hot route, and identifiers are validated by the domain. */
export class MatchRequestDto {
  @ApiPropertyOptional({ description: 'Resident ID number.' }) @IsOptional() @IsString() @MaxLength(40)
  idNumber?: string;

  @ApiPropertyOptional({ type: MatchForeignDocumentDto }) @IsOptional() @ValidateNested() @Type(() => MatchForeignDocumentDto)
  foreignDocument?: MatchForeignDocumentDto;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40)
  uscc?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40)
  phone?: string;

  @ApiPropertyOptional({ type: MatchAccountDto }) @IsOptional() @ValidateNested() @Type(() => MatchAccountDto)
  account?: MatchAccountDto;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200)
  device?: string;

  @ApiPropertyOptional({ description: 'Person name, Han or Latin script.' }) @IsOptional() @IsString() @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD; disambiguates namesakes (a resident ID gives it too).' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/)
  birthDate?: string;

  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @IsInt() @Min(1) @Max(100)
  limit?: number;
}

/** The entry as a hit shows it to any member: identifier masked, nothing about the contributor. */
export class MatchEntryResponse {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: SUBJECT_TYPES }) subjectType!: string;
  @ApiProperty({ enum: ['RESIDENT_ID', 'FOREIGN_DOC', 'USCC', 'PHONE', 'ACCOUNT', 'DEVICE'] }) idKind!: string;
  @ApiProperty({ description: 'Masked.' }) identifier!: string;
  @ApiProperty({ nullable: true, type: String }) subjectName!: string | null;
  @ApiProperty({ enum: ENTRY_CATEGORIES }) category!: string;
  @ApiProperty({ enum: FRAUD_TYPES }) fraudType!: string;
  @ApiProperty({ enum: ENTRY_MEASURES, isArray: true }) measures!: string[];
  @ApiProperty({ enum: ENTRY_STATUSES }) status!: string;
  @ApiProperty() effectiveFrom!: string;
  @ApiProperty({ nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty({ enum: ['GIVEN', 'JOINT_PUNISHMENT_CONVICTED', 'JOINT_PUNISHMENT_CARD_SELLER', 'OPEN_ENDED'] }) termBasis!: string;
}

export class MatchHitResponse {
  @ApiProperty() entryId!: string;
  @ApiProperty({ enum: ['EXACT_ID', 'EXACT_USCC', 'EXACT_PHONE', 'EXACT_ACCOUNT', 'EXACT_DEVICE', 'NAME_FUZZY'] }) matchType!: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) score!: number;
  @ApiProperty({ type: MatchEntryResponse }) entry!: MatchEntryResponse;
  @ApiProperty({ description: 'Why it matched: for names the normalised forms compared, pinyin, distance and notes.' }) explanation!: Record<string, unknown>;
}

export class MatchResponse {
  @ApiProperty({ description: 'The name threshold in force.' }) threshold!: number;
  @ApiProperty({ type: [MatchHitResponse] }) hits!: MatchHitResponse[];
}

// --------------------------------------------------------------------------------- non-matches

export class NonMatchSubjectDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40)
  idNumber?: string;

  @ApiPropertyOptional({ type: MatchForeignDocumentDto }) @IsOptional() @ValidateNested() @Type(() => MatchForeignDocumentDto)
  foreignDocument?: MatchForeignDocumentDto;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40)
  uscc?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40)
  phone?: string;

  @ApiPropertyOptional({ type: MatchAccountDto }) @IsOptional() @ValidateNested() @Type(() => MatchAccountDto)
  account?: MatchAccountDto;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200)
  device?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200)
  name?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/)
  birthDate?: string;
}

export class CreateNonMatchDto {
  @ApiProperty() @IsString() @MaxLength(40)
  entryId!: string;

  @ApiProperty({ type: NonMatchSubjectDto, description: 'The queried subject, as it was sent to /match. It is remembered by its strongest identifier: ID, document, USCC, account, phone, device, else name with birth date.' })
  @ValidateNested() @Type(() => NonMatchSubjectDto)
  subject!: NonMatchSubjectDto;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ description: 'The mark lapses at this instant.' }) @IsOptional() @Matches(INSTANT, { message: `endsAt ${INSTANT_MESSAGE}` })
  endsAt?: string;
}

export class NonMatchesQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40)
  entryId?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean()
  includeRevoked?: boolean;

  @ApiPropertyOptional({ default: 100, maximum: 500 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

export class NonMatchResponse {
  @ApiProperty() id!: string;
  @ApiProperty() institutionId!: string;
  @ApiProperty() entryId!: string;
  @ApiProperty({ description: 'Masked description of the subject.' }) subject!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) endsAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) revokeReason!: string | null;
}
