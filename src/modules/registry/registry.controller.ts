import { Body, Controller, Get, Param, Post, Put, Query, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { BulkImportService } from '../../common/bulk-import/bulk-import.service.js';
import { ImportErrorsQuery, ImportJobResponse, ImportListQuery, ImportRowErrorResponse, toImportJobResponse, toImportRowErrorResponse } from '../../common/bulk-import/dto/import-job.dto.js';
import { STREAM_BODY } from '../../common/bulk-import/stream-body.js';
import { CurrentPrincipal, Roles, Scopes } from '../../common/http/decorators.js';
import type { Principal } from '../../common/http/principal.js';
import { REGISTRY_FIELDS } from '../../domain/registry/registry-record.js';
import { EntityResponse, EntityVersionResponse, SearchQuery, toEntityResponse, toEntityVersionResponse, UpsertEntityDto, UpsertResponse } from './dto/registry.dto.js';
import { REGISTRY_IMPORT, RegistryService } from './registry.service.js';

const READERS = ['BRANCH_SYSTEM', 'ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR'] as const;

@ApiTags('registry')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/registry')
export class RegistryController {
  constructor(
    private readonly service: RegistryService,
    private readonly bulk: BulkImportService,
  ) {}

  @Get('entities')
  @Roles(...READERS)
  @Scopes('registry:read', 'screening')
  @ApiOkResponse({ type: [EntityResponse] })
  async search(@Query() q: SearchQuery): Promise<EntityResponse[]> {
    return (await this.service.search(q.name, q.mode ?? 'prefix', q.limit ?? 20)).map(toEntityResponse);
  }

  @Get('entities/:uscc')
  @Roles(...READERS)
  @Scopes('registry:read', 'screening')
  @ApiOkResponse({ type: EntityResponse })
  async get(@Param('uscc') uscc: string): Promise<EntityResponse> {
    return toEntityResponse(await this.service.get(uscc));
  }

  @Get('entities/:uscc/history')
  @Roles(...READERS)
  @Scopes('registry:read')
  @ApiOkResponse({ type: [EntityVersionResponse] })
  async history(@Param('uscc') uscc: string): Promise<EntityVersionResponse[]> {
    return (await this.service.history(uscc)).map(toEntityVersionResponse);
  }

  @Put('entities/:uscc')
  @Roles('BRANCH_SYSTEM', 'ADMIN')
  @Scopes('registry:write')
  @ApiOkResponse({ type: UpsertResponse, description: "One record from the registration authority's feed, upserted by USCC." })
  async upsert(@Param('uscc') uscc: string, @Body() body: UpsertEntityDto, @CurrentPrincipal() p: Principal): Promise<UpsertResponse> {
    const { entity, changed } = await this.service.upsert(p, uscc, { ...body });
    return { ...toEntityResponse(entity), changed };
  }

  @Post('imports')
  @RouteConfig(STREAM_BODY)
  @Roles('BRANCH_SYSTEM', 'ADMIN')
  @Scopes('registry:write')
  @ApiConsumes('text/csv', 'application/x-ndjson')
  @ApiCreatedResponse({ type: ImportJobResponse, description: `Streams the body and upserts by USCC. Columns/keys: ${REGISTRY_FIELDS.join(', ')}.` })
  async import(@Req() req: FastifyRequest, @CurrentPrincipal() p: Principal): Promise<ImportJobResponse> {
    return toImportJobResponse(await this.service.import(p, req.headers['content-type'], req.body));
  }

  @Get('imports')
  @Roles('BRANCH_SYSTEM', 'ADMIN', 'REGULATOR')
  @Scopes('registry:write')
  @ApiOkResponse({ type: [ImportJobResponse] })
  async listImports(@Query() q: ImportListQuery, @CurrentPrincipal() p: Principal): Promise<ImportJobResponse[]> {
    return (await this.bulk.list(REGISTRY_IMPORT, p, q.status, q.limit ?? 50)).map(toImportJobResponse);
  }

  @Get('imports/:id')
  @Roles('BRANCH_SYSTEM', 'ADMIN', 'REGULATOR')
  @Scopes('registry:write')
  @ApiOkResponse({ type: ImportJobResponse })
  async getImport(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<ImportJobResponse> {
    return toImportJobResponse(await this.bulk.get(REGISTRY_IMPORT, p, id));
  }

  @Get('imports/:id/errors')
  @Roles('BRANCH_SYSTEM', 'ADMIN', 'REGULATOR')
  @Scopes('registry:write')
  @ApiOkResponse({ type: [ImportRowErrorResponse] })
  async importErrors(@Param('id') id: string, @Query() q: ImportErrorsQuery, @CurrentPrincipal() p: Principal): Promise<ImportRowErrorResponse[]> {
    return (await this.bulk.errors(REGISTRY_IMPORT, p, id, q.afterRow ?? 0, q.limit ?? 100)).map(toImportRowErrorResponse);
  }
}
