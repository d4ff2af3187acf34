import { Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ImportErrorsQuery, ImportJobResponse, ImportListQuery, ImportRowErrorResponse, toImportJobResponse, toImportRowErrorResponse } from '../../../common/bulk-import/dto/import-job.dto.js';
import { STREAM_BODY } from '../../../common/bulk-import/stream-body.js';
import { CurrentPrincipal, Roles, Scopes } from '../../../common/http/decorators.js';
import type { Principal } from '../../../common/http/principal.js';
import { ACCOUNT_FIELDS } from '../account-record.js';
import { AccountLoadsService } from './account-loads.service.js';

@ApiTags('account-loads')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/account-loads')
export class AccountLoadsController {
  constructor(private readonly service: AccountLoadsService) {}

  @Post()
  @RouteConfig(STREAM_BODY)
  @Roles('BRANCH_SYSTEM', 'ADMIN')
  @Scopes('accounts:load')
  @ApiConsumes('text/csv', 'application/x-ndjson')
  @ApiCreatedResponse({
    type: ImportJobResponse,
    description: `Streams the body (CSV with a header, or NDJSON) and answers when it has been read. Columns/keys: ${ACCOUNT_FIELDS.join(', ')}. Watch progress meanwhile with GET /v1/account-loads?status=RUNNING; rejected rows under /errors.`,
  })
  async load(@Req() req: FastifyRequest, @CurrentPrincipal() p: Principal): Promise<ImportJobResponse> {
    return toImportJobResponse(await this.service.load(p, req.headers['content-type'], req.body));
  }

  @Get()
  @Roles('BRANCH_SYSTEM', 'ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @Scopes('accounts:load')
  @ApiOkResponse({ type: [ImportJobResponse] })
  async list(@Query() q: ImportListQuery, @CurrentPrincipal() p: Principal): Promise<ImportJobResponse[]> {
    return (await this.service.list(p, q.status, q.limit ?? 50)).map(toImportJobResponse);
  }

  @Get(':id')
  @Roles('BRANCH_SYSTEM', 'ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @Scopes('accounts:load')
  @ApiOkResponse({ type: ImportJobResponse })
  async get(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<ImportJobResponse> {
    return toImportJobResponse(await this.service.get(p, id));
  }

  @Get(':id/errors')
  @Roles('BRANCH_SYSTEM', 'ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @Scopes('accounts:load')
  @ApiOkResponse({ type: [ImportRowErrorResponse] })
  async errors(@Param('id') id: string, @Query() q: ImportErrorsQuery, @CurrentPrincipal() p: Principal): Promise<ImportRowErrorResponse[]> {
    return (await this.service.errors(p, id, q.afterRow ?? 0, q.limit ?? 100)).map(toImportRowErrorResponse);
  }
}
