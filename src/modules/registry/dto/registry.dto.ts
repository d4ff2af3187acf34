import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { REGISTRY_STATUSES } from '../../../domain/registry/registry-record.js';
import type { RegistryEntityVersionEntity } from '../registry-entity-version.entity.js';
import type { RegistryLookup } from '../registry.service.js';

const toInt = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

export class ListingDto {
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(500)
  reason?: string | null;

  @ApiProperty({ description: 'YYYY-MM-DD or ISO 8601 date-time.' }) @IsString() @MaxLength(40)
  listedAt!: string;

  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(40)
  removedAt?: string | null;
}

/** The registration authority's record of one entity; values are checked by the same validator as import rows. */
export class UpsertEntityDto {
  @ApiPropertyOptional({ description: 'Must equal the path when given.' }) @IsOptional() @IsString() @MaxLength(40)
  uscc?: string;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300)
  name!: string;

  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @IsString({ each: true })
  formerNames?: string[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100)
  entityType?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200)
  legalRepName?: string;

  @ApiPropertyOptional({ description: 'Resident ID number, or a passport/permit number with legalRepNationality. Stored only as a blind index and masked.' }) @IsOptional() @IsString() @MaxLength(60)
  legalRepIdNumber?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(3)
  legalRepNationality?: string;

  @ApiPropertyOptional({ description: 'CNY as a decimal string, e.g. "1000000.00".' }) @IsOptional() @IsString() @MaxLength(30)
  registeredCapital?: string;

  @ApiPropertyOptional({ example: '2026-01-15' }) @IsOptional() @IsString() @MaxLength(10)
  establishedOn?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500)
  registeredAddress?: string;

  @ApiProperty({ description: `${REGISTRY_STATUSES.join(', ')}, or the registry's wording (存续, 吊销, 注销, 迁出, 停业, 清算).` }) @IsString() @MaxLength(32)
  status!: string;

  @ApiPropertyOptional({ type: [ListingDto], description: 'Abnormal-operations listings (经营异常名录).' }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ListingDto)
  abnormalOperations?: ListingDto[];

  @ApiPropertyOptional({ type: [ListingDto], description: 'Serious illegal and dishonest listings (严重违法失信名单).' }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ListingDto)
  seriousDishonest?: ListingDto[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000)
  businessScope?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200)
  registrationAuthority?: string;

  @ApiPropertyOptional({ description: 'When the authority last changed the record; an older record never replaces a newer one.' }) @IsOptional() @IsString() @MaxLength(40)
  updatedAt?: string;
}

export class SearchQuery {
  @ApiProperty({ description: 'Name or its beginning; former names match in full.' }) @IsString() @MinLength(1) @MaxLength(300)
  name!: string;

  @ApiPropertyOptional({ enum: ['prefix', 'contains'], default: 'prefix', description: 'contains scans every entity: slower.' }) @IsOptional() @IsIn(['prefix', 'contains'])
  mode?: 'prefix' | 'contains';

  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100)
  limit?: number;
}

export class ListingResponse {
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() listedAt!: string;
  @ApiProperty({ nullable: true, type: String }) removedAt!: string | null;
}

export class IndicatorsResponse {
  @ApiProperty({ nullable: true, type: Number, description: 'Days since establishment (China Standard Time dates).' }) ageDays!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Entities the same legal representative represents, this one included (deregistered ones not counted); null when the ID is not known.' }) legalRepEntityCount!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Entities registered at the same normalised address, this one included; null without an address.' }) addressEntityCount!: number | null;
  @ApiProperty() legalRepOnNegativeList!: boolean;
  @ApiProperty({ description: 'On the abnormal-operations list now.' }) abnormalOperations!: boolean;
  @ApiProperty({ description: 'On the serious illegal and dishonest list now.' }) seriousDishonest!: boolean;
}

export class EntityResponse {
  @ApiProperty() uscc!: string;
  @ApiProperty() version!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) formerNames!: string[];
  @ApiProperty({ nullable: true, type: String }) entityType!: string | null;
  @ApiProperty() legalRep!: { name: string | null; idMasked: string | null };
  @ApiProperty({ nullable: true, type: String, description: 'CNY, two decimals.' }) registeredCapital!: string | null;
  @ApiProperty({ nullable: true, type: String }) establishedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) registeredAddress!: string | null;
  @ApiProperty({ enum: REGISTRY_STATUSES }) status!: string;
  @ApiProperty({ type: [ListingResponse] }) abnormalOperations!: ListingResponse[];
  @ApiProperty({ type: [ListingResponse] }) seriousDishonest!: ListingResponse[];
  @ApiProperty({ nullable: true, type: String }) businessScope!: string | null;
  @ApiProperty({ nullable: true, type: String }) registrationAuthority!: string | null;
  @ApiProperty({ nullable: true, type: String }) updatedAt!: string | null;
  @ApiProperty({ type: IndicatorsResponse }) indicators!: IndicatorsResponse;
}

export class UpsertResponse extends EntityResponse {
  @ApiProperty({ description: 'False when the record equalled what was stored.' }) changed!: boolean;
}

export class EntityVersionResponse {
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['IMPORT', 'FEED'] }) source!: string;
  @ApiProperty() changedAt!: string;
  @ApiProperty() snapshot!: Record<string, unknown>;
}

function yuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

export function toEntityResponse(l: RegistryLookup): EntityResponse {
  return {
    uscc: l.uscc,
    version: l.version,
    name: l.name,
    formerNames: l.formerNames,
    entityType: l.entityType,
    legalRep: l.legalRep,
    registeredCapital: l.registeredCapitalFen !== undefined ? yuan(l.registeredCapitalFen) : null,
    establishedOn: l.establishedOn,
    registeredAddress: l.registeredAddress,
    status: l.registryStatus,
    abnormalOperations: l.abnormalListings.map((x) => ({ reason: x.reason, listedAt: x.listedAt, removedAt: x.removedAt })),
    seriousDishonest: l.dishonestListings.map((x) => ({ reason: x.reason, listedAt: x.listedAt, removedAt: x.removedAt })),
    businessScope: l.businessScope,
    registrationAuthority: l.registrationAuthority,
    updatedAt: l.updatedAt?.toISOString() ?? null,
    indicators: {
      ageDays: l.ageDays,
      legalRepEntityCount: l.legalRepKnown ? l.legalRepEntityCount : null,
      addressEntityCount: l.addressKnown ? l.addressEntityCount : null,
      legalRepOnNegativeList: l.legalRepOnNegativeList,
      abnormalOperations: l.abnormalOperations,
      seriousDishonest: l.seriousDishonest,
    },
  };
}

export function toEntityVersionResponse(v: RegistryEntityVersionEntity): EntityVersionResponse {
  return { version: v.version, source: v.source, changedAt: v.changedAt.toISOString(), snapshot: v.snapshot };
}
