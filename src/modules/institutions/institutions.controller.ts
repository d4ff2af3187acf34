import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Idempotent, Roles } from '../../common/http/decorators.js';
import type { Principal } from '../../common/http/principal.js';
import {
  ApiKeyResponse,
  CreateApiKeyDto,
  CreatedApiKeyResponse,
  CreateInstitutionDto,
  CreateUserDto,
  InstitutionResponse,
  toApiKeyResponse,
  toInstitutionResponse,
  toUserResponse,
  UserResponse,
} from './dto/institutions.dto.js';
import { InstitutionsService } from './institutions.service.js';

@ApiTags('institutions')
@ApiBearerAuth()
@Controller('v1/institutions')
export class InstitutionsController {
  constructor(private readonly service: InstitutionsService) {}

  @Post()
  @Idempotent()
  @Roles('ADMIN')
  @ApiCreatedResponse({ type: InstitutionResponse })
  async create(@Body() body: CreateInstitutionDto, @CurrentPrincipal() p: Principal): Promise<InstitutionResponse> {
    return toInstitutionResponse(await this.service.create(p, body));
  }

  @Get()
  @Roles('ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @ApiOkResponse({ type: [InstitutionResponse] })
  async list(@CurrentPrincipal() p: Principal): Promise<InstitutionResponse[]> {
    return (await this.service.list(p)).map(toInstitutionResponse);
  }

  @Get(':id')
  @Roles('ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @ApiOkResponse({ type: InstitutionResponse })
  async get(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<InstitutionResponse> {
    return toInstitutionResponse(await this.service.get(p, id));
  }

  @Post(':id/users')
  @Idempotent()
  @Roles('ADMIN')
  @ApiCreatedResponse({ type: UserResponse })
  async createUser(@Param('id') id: string, @Body() body: CreateUserDto, @CurrentPrincipal() p: Principal): Promise<UserResponse> {
    return toUserResponse(await this.service.createUser(p, id, body));
  }

  @Get(':id/users')
  @Roles('ADMIN')
  @ApiOkResponse({ type: [UserResponse] })
  async listUsers(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<UserResponse[]> {
    return (await this.service.listUsers(p, id)).map(toUserResponse);
  }

  @Post(':id/users/:userId/deactivate')
  @HttpCode(200)
  @Roles('ADMIN')
  @ApiOkResponse({ type: UserResponse })
  async deactivateUser(@Param('id') id: string, @Param('userId') userId: string, @CurrentPrincipal() p: Principal): Promise<UserResponse> {
    return toUserResponse(await this.service.setUserActive(p, id, userId, false));
  }

  @Post(':id/api-keys')
  @Idempotent()
  @Roles('ADMIN')
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  async createApiKey(@Param('id') id: string, @Body() body: CreateApiKeyDto, @CurrentPrincipal() p: Principal): Promise<CreatedApiKeyResponse> {
    const { row, key } = await this.service.createApiKey(p, id, body);
    return { ...toApiKeyResponse(row), key };
  }

  @Get(':id/api-keys')
  @Roles('ADMIN')
  @ApiOkResponse({ type: [ApiKeyResponse] })
  async listApiKeys(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<ApiKeyResponse[]> {
    return (await this.service.listApiKeys(p, id)).map(toApiKeyResponse);
  }

  @Post(':id/api-keys/:keyId/revoke')
  @HttpCode(200)
  @Roles('ADMIN')
  @ApiOkResponse({ type: ApiKeyResponse })
  async revokeApiKey(@Param('id') id: string, @Param('keyId') keyId: string, @CurrentPrincipal() p: Principal): Promise<ApiKeyResponse> {
    return toApiKeyResponse(await this.service.revokeApiKey(p, id, keyId));
  }
}
