import { Readable } from 'node:stream';
import { Body, Controller, Get, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles } from '../../../common/http/decorators.js';
import type { Principal } from '../../../common/http/principal.js';
import {
  CreateRescreenJobDto,
  DownloadQueryDto,
  hitCsvLine,
  HIT_CSV_COLUMNS,
  HitsQueryDto,
  RescreenHitPageResponse,
  RescreenJobQueryDto,
  RescreenJobResponse,
  RescreenReportsResponse,
  toInstitutionReportResponse,
  toRescreenHitResponse,
  toRescreenJobResponse,
} from '../dto/rescreen.dto.js';
import type { RescreenJobEntity } from './rescreen-job.entity.js';
import { progressOf, RescreenService } from './rescreen.service.js';

const STAFF = ['ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR'] as const;

@ApiTags('rescreen')
@ApiBearerAuth()
@Controller('v1/rescreen-jobs')
export class RescreenController {
  constructor(private readonly service: RescreenService) {}

  private async view(p: Principal, job: RescreenJobEntity): Promise<RescreenJobResponse> {
    return toRescreenJobResponse(job, progressOf(job), await this.service.visibleHits(p, job));
  }

  @Post()
  @Roles('ADMIN')
  @ApiCreatedResponse({ type: RescreenJobResponse })
  async create(@Body() body: CreateRescreenJobDto, @CurrentPrincipal() p: Principal): Promise<RescreenJobResponse> {
    const job = body.kind === 'FULL' ? await this.service.requestFull(p, body.institutionId) : await this.service.requestIncremental(p, body.entryIds ?? []);
    return this.view(p, job);
  }

  @Get()
  @Roles(...STAFF)
  @ApiOkResponse({ type: [RescreenJobResponse] })
  async list(@Query() q: RescreenJobQueryDto, @CurrentPrincipal() p: Principal): Promise<RescreenJobResponse[]> {
    const jobs = await this.service.list(p, q);
    return Promise.all(jobs.map((j) => this.view(p, j)));
  }

  @Get(':id')
  @Roles(...STAFF)
  @ApiOkResponse({ type: RescreenJobResponse })
  async get(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<RescreenJobResponse> {
    return this.view(p, await this.service.get(p, id));
  }

  /** Per-institution reports of a completed job (409 while it runs); a bank sees its own. */
  @Get(':id/reports')
  @Roles(...STAFF)
  @ApiOkResponse({ type: RescreenReportsResponse })
  async reports(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<RescreenReportsResponse> {
    const { job, reports } = await this.service.reports(p, id);
    return { jobId: job.id, reports: reports.map((r) => toInstitutionReportResponse(job.id, r)) };
  }

  @Get(':id/reports/:institutionId/hits')
  @Roles(...STAFF)
  @ApiOkResponse({ type: RescreenHitPageResponse })
  async hits(@Param('id') id: string, @Param('institutionId') institutionId: string, @Query() q: HitsQueryDto, @CurrentPrincipal() p: Principal): Promise<RescreenHitPageResponse> {
    const page = await this.service.hitsPage(p, id, institutionId, q.cursor, q.limit ?? 100);
    return { items: page.rows.map(toRescreenHitResponse), nextCursor: page.nextCursor };
  }

  /** The whole report as CSV or NDJSON, streamed page by page. */
  @Get(':id/reports/:institutionId/download')
  @Roles(...STAFF)
  @ApiProduces('text/csv', 'application/x-ndjson')
  async download(
    @Param('id') id: string,
    @Param('institutionId') institutionId: string,
    @Query() q: DownloadQueryDto,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const pages = this.service.hitsForDownload(p, id, institutionId);
    // Reading the first page before answering lets "not ready" and "not found" be proper problems.
    const first = await pages.next();
    const csv = (q.format ?? 'csv') === 'csv';
    async function* lines(): AsyncGenerator<string> {
      if (csv) yield HIT_CSV_COLUMNS.join(',') + '\n';
      if (first.done) return;
      for (const h of first.value) yield csv ? hitCsvLine(toRescreenHitResponse(h)) : JSON.stringify(toRescreenHitResponse(h)) + '\n';
      for await (const page of pages) for (const h of page) yield csv ? hitCsvLine(toRescreenHitResponse(h)) : JSON.stringify(toRescreenHitResponse(h)) + '\n';
    }
    void reply.header('content-disposition', `attachment; filename="rescreen-${id}-${institutionId}.${csv ? 'csv' : 'ndjson'}"`);
    return new StreamableFile(Readable.from(lines()), { type: csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson' });
  }
}
