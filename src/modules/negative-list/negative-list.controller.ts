import { Readable } from 'node:stream';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BulkImportService } from '../../common/bulk-import/bulk-import.service.js';
import { ImportErrorsQuery, ImportJobResponse, ImportListQuery, ImportRowErrorResponse, toImportJobResponse, toImportRowErrorResponse } from '../../common/bulk-import/dto/import-job.dto.js';
import { STREAM_BODY } from '../../common/bulk-import/stream-body.js';
import { CurrentPrincipal, Idempotent, Roles, Scopes } from '../../common/http/decorators.js';
import type { Principal } from '../../common/http/principal.js';
import { ENTRY_FIELDS } from '../../domain/negative-list/entry-record.js';
import {
  AmendEntryDto,
  AppealResponse,
  AppealsQuery,
  CreateEntryDto,
  CreateNonMatchDto,
  DecideAppealDto,
  EntryPageResponse,
  EntryResponse,
  EntryVersionResponse,
  ExportQuery,
  FileAppealDto,
  ListEntriesQuery,
  MatchRequestDto,
  MatchResponse,
  NonMatchesQuery,
  NonMatchResponse,
  NoticeQuery,
  RevealQuery,
  RevokeEntryDto,
} from './dto/negative-list.dto.js';
import { toAppealResponse, toEntryResponse, toEntryVersionResponse, toMatchHitResponse, toNonMatchResponse } from './dto/negative-list.mappers.js';
import { seesProvenance } from './negative-list.access.js';
import { NegativeListService } from './negative-list.service.js';
import { NegativeListAppealsService } from './negative-list-appeals.service.js';
import { NEGATIVE_LIST_IMPORT, NegativeListImportService } from './negative-list-import.service.js';
import { NegativeListNonMatchesService } from './negative-list-non-matches.service.js';
import type { NegativeListEntryEntity } from './negative-list-entry.entity.js';

const STAFF = ['ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR'] as const;
const DECIDERS = ['SUPERVISOR', 'ADMIN', 'REGULATOR'] as const;

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = Array.isArray(v) ? v.join(';') : String(v);
  return /[",\r\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

@ApiTags('negative-list')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/negative-list')
export class NegativeListController {
  constructor(
    private readonly service: NegativeListService,
    private readonly appeals: NegativeListAppealsService,
    private readonly nonMatches: NegativeListNonMatchesService,
    private readonly imports: NegativeListImportService,
    private readonly bulk: BulkImportService,
  ) {}

  private view(p: Principal, e: NegativeListEntryEntity, reveal: boolean): EntryResponse {
    const provenance = seesProvenance(p, e.contributorInstitutionId);
    return toEntryResponse(e, { provenance, reveal: reveal && provenance, now: this.service.now() });
  }

  @Post('entries')
  @Idempotent()
  @Roles('BRANCH_SYSTEM', ...STAFF)
  @Scopes('negative-list:write')
  @ApiCreatedResponse({ type: EntryResponse })
  async create(@Body() body: CreateEntryDto, @CurrentPrincipal() p: Principal): Promise<EntryResponse> {
    return this.view(p, await this.service.create(p, body), false);
  }

  @Get('entries')
  @Roles('BRANCH_SYSTEM', ...STAFF)
  @Scopes('negative-list:read')
  @ApiOkResponse({ type: EntryPageResponse })
  async list(@Query() q: ListEntriesQuery, @CurrentPrincipal() p: Principal): Promise<EntryPageResponse> {
    const page = await this.service.list(p, q);
    if (q.reveal) await this.service.auditReveal(page.items.filter((e) => seesProvenance(p, e.contributorInstitutionId)).map((e) => e.id), 'negative-list.entries.identifiers-read');
    return { items: page.items.map((e) => this.view(p, e, q.reveal === true)), nextCursor: page.nextCursor };
  }

  @Get('entries/:id')
  @Roles('BRANCH_SYSTEM', ...STAFF)
  @Scopes('negative-list:read')
  @ApiOkResponse({ type: EntryResponse })
  async get(@Param('id') id: string, @Query() q: RevealQuery, @CurrentPrincipal() p: Principal): Promise<EntryResponse> {
    const { entry, reveal } = await this.service.get(p, id, q.reveal === true);
    return this.view(p, entry, reveal);
  }

  @Patch('entries/:id')
  @Roles('BRANCH_SYSTEM', ...DECIDERS)
  @Scopes('negative-list:write')
  @ApiOkResponse({ type: EntryResponse })
  async amend(@Param('id') id: string, @Body() body: AmendEntryDto, @CurrentPrincipal() p: Principal): Promise<EntryResponse> {
    return this.view(p, await this.service.amend(p, id, body), false);
  }

  @Post('entries/:id/revoke')
  @HttpCode(200)
  @Roles('BRANCH_SYSTEM', ...DECIDERS)
  @Scopes('negative-list:write')
  @ApiOkResponse({ type: EntryResponse })
  async revoke(@Param('id') id: string, @Body() body: RevokeEntryDto, @CurrentPrincipal() p: Principal): Promise<EntryResponse> {
    return this.view(p, await this.service.revoke(p, id, body.reason), false);
  }

  @Get('entries/:id/history')
  @Roles('BRANCH_SYSTEM', ...STAFF)
  @Scopes('negative-list:read')
  @ApiOkResponse({ type: [EntryVersionResponse] })
  async history(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<EntryVersionResponse[]> {
    const { versions, provenance } = await this.service.history(p, id);
    return versions.map((v) => toEntryVersionResponse(v, provenance));
  }

  @Get('entries/:id/notice')
  @Roles('BRANCH_SYSTEM', ...STAFF)
  @Scopes('negative-list:read')
  @ApiProduces('application/json', 'text/plain')
  @ApiOkResponse({ description: 'The written notice of basis, term, measures and the right to appeal (JSON, or ?format=text).' })
  async notice(@Param('id') id: string, @Query() q: NoticeQuery, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const { json, text } = await this.service.notice(p, id);
    if (q.format === 'text') {
      void reply.header('content-type', 'text/plain; charset=utf-8');
      return text;
    }
    return json;
  }

  @Post('entries/:id/appeals')
  @Idempotent()
  @Roles('BRANCH_SYSTEM', ...STAFF)
  @Scopes('negative-list:write')
  @ApiCreatedResponse({ type: AppealResponse })
  async fileAppeal(@Param('id') id: string, @Body() body: FileAppealDto, @CurrentPrincipal() p: Principal): Promise<AppealResponse> {
    return toAppealResponse(await this.appeals.file(p, id, body), this.service.now());
  }

  @Get('appeals')
  @Roles(...STAFF)
  @ApiOkResponse({ type: [AppealResponse] })
  async listAppeals(@Query() q: AppealsQuery, @CurrentPrincipal() p: Principal): Promise<AppealResponse[]> {
    const now = this.service.now();
    return (await this.appeals.listAppeals(p, q)).map((a) => toAppealResponse(a, now));
  }

  @Get('appeals/:id')
  @Roles(...STAFF)
  @ApiOkResponse({ type: AppealResponse })
  async getAppeal(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<AppealResponse> {
    return toAppealResponse(await this.appeals.get(p, id), this.service.now());
  }

  @Post('appeals/:id/decision')
  @HttpCode(200)
  @Roles(...DECIDERS)
  @ApiOkResponse({ type: AppealResponse })
  async decide(@Param('id') id: string, @Body() body: DecideAppealDto, @CurrentPrincipal() p: Principal): Promise<AppealResponse> {
    return toAppealResponse(await this.appeals.decide(p, id, body), this.service.now());
  }

  @Post('match')
  @HttpCode(200)
  @Roles('BRANCH_SYSTEM', ...STAFF)
  @Scopes('negative-list:read', 'screening')
  @ApiOkResponse({ type: MatchResponse })
  match(@Body() body: MatchRequestDto, @CurrentPrincipal() p: Principal): MatchResponse {
    const { hits, threshold } = this.service.match(p, {
      ...(body.idNumber !== undefined ? { residentId: body.idNumber } : {}),
      ...(body.foreignDocument ? { foreignDocument: body.foreignDocument } : {}),
      ...(body.uscc !== undefined ? { uscc: body.uscc } : {}),
      ...(body.phone !== undefined ? { phone: body.phone } : {}),
      ...(body.account ? { account: body.account } : {}),
      ...(body.device !== undefined ? { device: body.device } : {}),
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.birthDate !== undefined ? { birthDate: body.birthDate } : {}),
      ...(body.limit !== undefined ? { limit: body.limit } : {}),
    });
    return { threshold, hits: hits.map(toMatchHitResponse) };
  }

  @Post('non-matches')
  @Idempotent()
  @Roles(...STAFF)
  @ApiCreatedResponse({ type: NonMatchResponse })
  async markNonMatch(@Body() body: CreateNonMatchDto, @CurrentPrincipal() p: Principal): Promise<NonMatchResponse> {
    return toNonMatchResponse(await this.nonMatches.mark(p, body));
  }

  @Get('non-matches')
  @Roles(...STAFF)
  @ApiOkResponse({ type: [NonMatchResponse] })
  async listNonMatches(@Query() q: NonMatchesQuery, @CurrentPrincipal() p: Principal): Promise<NonMatchResponse[]> {
    return (await this.nonMatches.list(p, q)).map(toNonMatchResponse);
  }

  @Post('non-matches/:id/revoke')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOkResponse({ type: NonMatchResponse })
  async revokeNonMatch(@Param('id') id: string, @Body() body: RevokeEntryDto, @CurrentPrincipal() p: Principal): Promise<NonMatchResponse> {
    return toNonMatchResponse(await this.nonMatches.revoke(p, id, body.reason));
  }

  @Post('imports')
  @RouteConfig(STREAM_BODY)
  @Roles('BRANCH_SYSTEM', ...STAFF)
  @Scopes('negative-list:write')
  @ApiConsumes('text/csv', 'application/x-ndjson')
  @ApiCreatedResponse({ type: ImportJobResponse, description: `Streams the body (CSV with a header, or NDJSON) and answers when it has been read. Columns/keys: ${ENTRY_FIELDS.join(', ')}. Watch progress meanwhile with GET /v1/negative-list/imports?status=RUNNING.` })
  async import(@Req() req: FastifyRequest, @CurrentPrincipal() p: Principal): Promise<ImportJobResponse> {
    return toImportJobResponse(await this.imports.import(p, req.headers['content-type'], req.body));
  }

  @Get('imports')
  @Roles('BRANCH_SYSTEM', ...STAFF)
  @Scopes('negative-list:write')
  @ApiOkResponse({ type: [ImportJobResponse] })
  async listImports(@Query() q: ImportListQuery, @CurrentPrincipal() p: Principal): Promise<ImportJobResponse[]> {
    return (await this.bulk.list(NEGATIVE_LIST_IMPORT, p, q.status, q.limit ?? 50)).map(toImportJobResponse);
  }

  @Get('imports/:id')
  @Roles('BRANCH_SYSTEM', ...STAFF)
  @Scopes('negative-list:write')
  @ApiOkResponse({ type: ImportJobResponse })
  async getImport(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<ImportJobResponse> {
    return toImportJobResponse(await this.bulk.get(NEGATIVE_LIST_IMPORT, p, id));
  }

  @Get('imports/:id/errors')
  @Roles('BRANCH_SYSTEM', ...STAFF)
  @Scopes('negative-list:write')
  @ApiOkResponse({ type: [ImportRowErrorResponse] })
  async importErrors(@Param('id') id: string, @Query() q: ImportErrorsQuery, @CurrentPrincipal() p: Principal): Promise<ImportRowErrorResponse[]> {
    return (await this.bulk.errors(NEGATIVE_LIST_IMPORT, p, id, q.afterRow ?? 0, q.limit ?? 100)).map(toImportRowErrorResponse);
  }

  @Get('export')
  @Roles('BRANCH_SYSTEM', ...STAFF)
  @Scopes('negative-list:read')
  @ApiProduces('application/x-ndjson', 'text/csv')
  @ApiOkResponse({ description: 'Every entry matching the filter, streamed in change order; identifiers masked unless revealed where you may.' })
  async export(@Query() q: ExportQuery, @CurrentPrincipal() p: Principal, @Res() reply: FastifyReply): Promise<void> {
    const csv = q.format === 'csv';
    const reveal = q.reveal === true;
    const pages = this.service.stream(p, q);
    const service = this.service;
    const view = (e: NegativeListEntryEntity): EntryResponse => this.view(p, e, reveal);
    const columns = ['id', 'version', 'subjectType', 'idKind', 'identifier', 'subjectName', 'birthDate', 'category', 'fraudType', 'measures', 'status', 'statusReason', 'effectiveFrom', 'expiresAt', 'termBasis', 'createdAt', 'updatedAt', 'contributorInstitutionId', 'externalRef', 'legalBasis', 'legalBasisDocNo', 'evidenceRef'];
    async function* lines(): AsyncGenerator<string> {
      if (reveal) await service.auditExport(q);
      if (csv) yield '\uFEFF' + columns.join(',') + '\n';
      for await (const page of pages) {
        let chunk = '';
        for (const e of page) {
          const r = view(e);
          if (csv) {
            const flat: Record<string, unknown> = { ...r, ...(r.provenance ?? {}) };
            chunk += columns.map((c) => csvCell(flat[c])).join(',') + '\n';
          } else {
            chunk += JSON.stringify(r) + '\n';
          }
        }
        yield chunk;
      }
    }
    await reply
      .header('content-type', csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="negative-list.${csv ? 'csv' : 'ndjson'}"`)
      .send(Readable.from(lines()));
  }
}
