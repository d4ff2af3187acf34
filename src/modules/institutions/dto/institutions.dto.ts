import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { API_KEY_SCOPES, STAFF_ROLES } from '../../auth/roles.js';
import type { ApiKeyEntity } from '../../auth/api-key.entity.js';
import type { UserEntity } from '../../auth/user.entity.js';
import { INSTITUTION_KINDS, type InstitutionEntity } from '../institution.entity.js';

export class CreateInstitutionDto {
  @ApiProperty({ example: 'ICBC-SZ', description: 'Short unique code, upper-case letters, digits and dashes.' })
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,31}$/, { message: 'code must be 2-32 upper-case letters, digits or dashes' })
  code!: string;

  @ApiProperty({ example: 'Example Bank, Shenzhen branch' }) @IsString() @MinLength(1) @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: INSTITUTION_KINDS.filter((k) => k !== 'OPERATOR') })
  @IsIn(INSTITUTION_KINDS.filter((k) => k !== 'OPERATOR'))
  kind!: 'BANK' | 'REGULATOR' | 'POLICE';
}

export class InstitutionResponse {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: INSTITUTION_KINDS }) kind!: string;
  @ApiProperty() createdAt!: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'li.wei' }) @Matches(/^[a-z][a-z0-9._-]{2,63}$/, { message: 'username must be 3-64 lower-case letters, digits, dot, dash or underscore' })
  username!: string;

  @ApiPropertyOptional({ example: '李伟' }) @IsOptional() @IsString() @MaxLength(200)
  displayName?: string;

  @ApiProperty({ minLength: 12 }) @IsString() @MinLength(12) @MaxLength(200)
  password!: string;

  @ApiProperty({ enum: STAFF_ROLES, isArray: true })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(4) @ArrayUnique() @IsIn(STAFF_ROLES, { each: true })
  roles!: Array<(typeof STAFF_ROLES)[number]>;
}

export class UserResponse {
  @ApiProperty() id!: string;
  @ApiProperty() institutionId!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ nullable: true, type: String }) displayName!: string | null;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty() active!: boolean;
  @ApiProperty() createdAt!: string;
}

export class CreateApiKeyDto {
  @ApiProperty({ example: 'branch 0101 account-opening terminal' }) @IsString() @MinLength(1) @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true })
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(API_KEY_SCOPES, { each: true })
  scopes!: Array<(typeof API_KEY_SCOPES)[number]>;
}

export class ApiKeyResponse {
  @ApiProperty() id!: string;
  @ApiProperty() institutionId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The public part of the key, to tell keys apart.' }) prefix!: string;
  @ApiProperty({ type: [String] }) scopes!: string[];
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt!: string | null;
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({ description: 'The key itself. Shown only in this response; store it now.' }) key!: string;
}

export function toInstitutionResponse(e: InstitutionEntity): InstitutionResponse {
  return { id: e.id, code: e.code, name: e.name, kind: e.kind, createdAt: e.createdAt.toISOString() };
}

export function toUserResponse(e: UserEntity): UserResponse {
  return { id: e.id, institutionId: e.institutionId, username: e.username, displayName: e.displayName, roles: [...e.roles], active: e.active, createdAt: e.createdAt.toISOString() };
}

export function toApiKeyResponse(e: ApiKeyEntity): ApiKeyResponse {
  return { id: e.id, institutionId: e.institutionId, name: e.name, prefix: e.prefix, scopes: [...e.scopes], createdAt: e.createdAt.toISOString(), revokedAt: e.revokedAt?.toISOString() ?? null };
}
