import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { STREAM_BODY } from '../../common/bulk-import/stream-body.js';
import { CurrentPrincipal, Idempotent, Roles, Scopes } from '../../common/http/decorators.js';
import type { Principal } from '../../common/http/principal.js';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { RestrictionBulkJobResponse, RestrictionBulkRowResponse, RestrictionBulkRowsQuery, CreateRestrictionBulkJobDto, toBulkJobResponse, toBulkRowResponse } from './dto/bulk.dto.js';
import { RestrictionCheckRequestDto, RestrictionCheckResponseDto } from './dto/check.dto.js';
import {
  ApproveRestrictionDto,
  CreateRestrictionOrderDto,
  ListRestrictionOrdersQuery,
  RestrictionOrderPage,
  RestrictionOrderResponse,
  RestrictionOrderWithHistoryResponse,
  RestrictionReasonDto,
  SearchRestrictionOrdersDto,
  toBasisInput,
  toCreateOrderInput,
  toFen,
  toOrderEventResponse,
  toOrderResponse,
} from './dto/orders.dto.js';
import { RestrictionPolicySetResponse, PutRestrictionPoliciesDto, toPolicySetResponse } from './dto/policies.dto.js';
import { RestrictionBulkService } from './restriction-bulk.service.js';
import { RestrictionCheckService, type CheckResult } from './restriction-check.service.js';
import { RestrictionOrdersService } from './restriction-orders.service.js';
import { RestrictionPoliciesService } from './restriction-policies.service.js';

const STAFF = ['ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR'] as const;

@ApiTags('restrictions')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/restrictions')
export class RestrictionsController {
  constructor(
    private readonly orders: RestrictionOrdersService,
    private readonly checks: RestrictionCheckService,
    private readonly policies: RestrictionPoliciesService,
    private readonly bulk: RestrictionBulkService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Core banking, on every transaction. Body validated by hand for speed (same problem responses). */
  @Post('check')
  @HttpCode(200)
  @Roles('BRANCH_SYSTEM', ...STAFF)
  @Scopes('restrictions:check')
  @ApiBody({ type: RestrictionCheckRequestDto })
  @ApiOkResponse({ type: RestrictionCheckResponseDto })
  check(@Body() body: Record<string, unknown>): CheckResult {
    return this.checks.check(body);
  }

  @Post('orders')
  @Idempotent()
  @Roles('BRANCH_SYSTEM', ...STAFF)
  @Scopes('restrictions:write')
  @ApiCreatedResponse({ type: RestrictionOrderResponse })
  async create(@Body() body: CreateRestrictionOrderDto, @CurrentPrincipal() p: Principal): Promise<RestrictionOrderResponse> {
    return toOrderResponse(await this.orders.create(p, toCreateOrderInput(body)), this.clock.now());
  }

  @Get('orders')
  @Roles('BRANCH_SYSTEM', ...STAFF)
  @Scopes('restrictions:write', 'restrictions:check')
  @ApiOkResponse({ type: RestrictionOrderPage })
  async list(@Query() q: ListRestrictionOrdersQuery, @CurrentPrincipal() p: Principal): Promise<RestrictionOrderPage> {
    const page = await this.orders.list(p, q);
    const now = this.clock.now();
    return { items: page.items.map((o) => toOrderResponse(o, now)), nextCursor: page.nextCursor };
  }

  @Post('orders/search')
  @HttpCode(200)
  @Roles('BRANCH_SYSTEM', ...STAFF)
  @Scopes('restrictions:write', 'restrictions:check')
  @ApiOkResponse({ type: RestrictionOrderPage })
  async search(@Body() body: SearchRestrictionOrdersDto, @CurrentPrincipal() p: Principal): Promise<RestrictionOrderPage> {
    const page = await this.orders.list(p, body);
    const now = this.clock.now();
    return { items: page.items.map((o) => toOrderResponse(o, now)), nextCursor: page.nextCursor };
  }

  @Get('orders/:id')
  @Roles('BRANCH_SYSTEM', ...STAFF)
  @Scopes('restrictions:write', 'restrictions:check')
  @ApiOkResponse({ type: RestrictionOrderWithHistoryResponse })
  async get(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<RestrictionOrderWithHistoryResponse> {
    const { order, events } = await this.orders.get(p, id);
    return { ...toOrderResponse(order, this.clock.now()), history: events.map(toOrderEventResponse) };
  }

  @Post('orders/:id/approve')
  @HttpCode(200)
  @Roles('SUPERVISOR')
  @ApiOkResponse({ type: RestrictionOrderResponse })
  async approve(@Param('id') id: string, @Body() body: ApproveRestrictionDto, @CurrentPrincipal() p: Principal): Promise<RestrictionOrderResponse> {
    return toOrderResponse(await this.orders.approve(p, id, body.note), this.clock.now());
  }

  @Post('orders/:id/reject')
  @HttpCode(200)
  @Roles('SUPERVISOR')
  @ApiOkResponse({ type: RestrictionOrderResponse })
  async reject(@Param('id') id: string, @Body() body: RestrictionReasonDto, @CurrentPrincipal() p: Principal): Promise<RestrictionOrderResponse> {
    return toOrderResponse(await this.orders.reject(p, id, body.reason), this.clock.now());
  }

  @Post('orders/:id/lift')
  @HttpCode(200)
  @Roles('BRANCH_SYSTEM', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @Scopes('restrictions:write')
  @ApiOkResponse({ type: RestrictionOrderResponse })
  async lift(@Param('id') id: string, @Body() body: RestrictionReasonDto, @CurrentPrincipal() p: Principal): Promise<RestrictionOrderResponse> {
    return toOrderResponse(await this.orders.lift(p, id, body.reason), this.clock.now());
  }

  @Get('policies')
  @Roles(...STAFF)
  @ApiOkResponse({ type: RestrictionPolicySetResponse })
  getPolicies(): RestrictionPolicySetResponse {
    return toPolicySetResponse(this.policies.current());
  }

  @Get('policies/history')
  @Roles('ADMIN', 'REGULATOR')
  @ApiOkResponse({ type: [RestrictionPolicySetResponse] })
  async policyHistory(): Promise<RestrictionPolicySetResponse[]> {
    return (await this.policies.history()).map(toPolicySetResponse);
  }

  @Put('policies')
  @Roles('ADMIN')
  @ApiOkResponse({ type: RestrictionPolicySetResponse })
  async putPolicies(@Body() body: PutRestrictionPoliciesDto, @CurrentPrincipal() p: Principal): Promise<RestrictionPolicySetResponse> {
    return toPolicySetResponse(await this.policies.put(p, body.policies));
  }

  @Post('bulk-jobs')
  @Idempotent()
  @HttpCode(202)
  @Roles(...STAFF)
  @ApiAcceptedResponse({ type: RestrictionBulkJobResponse })
  async submitBulk(@Body() body: CreateRestrictionBulkJobDto, @CurrentPrincipal() p: Principal): Promise<RestrictionBulkJobResponse> {
    const job = await this.bulk.submit(p, {
      level: body.level,
      basis: toBasisInput(body.basis),
      effectiveFrom: body.effectiveFrom ? new Date(body.effectiveFrom) : undefined,
      expiresAt: body.expiresAt ? new Date(body.expiresAt) : undefined,
      dailyLimit: body.dailyLimit ? { amountFen: toFen(body.dailyLimit.amount), count: body.dailyLimit.count } : undefined,
      idNumbers: body.idNumbers,
    });
    return toBulkJobResponse(job);
  }

  @Post('bulk-jobs/:id/persons')
  @HttpCode(202)
  @RouteConfig(STREAM_BODY)
  @Roles(...STAFF)
  @ApiConsumes('text/csv', 'application/x-ndjson')
  @ApiAcceptedResponse({ type: RestrictionBulkJobResponse, description: 'Streams the persons of a job made without idNumbers: CSV with an idNumber column, or NDJSON {"idNumber": ...} lines. Answers when the file has been read; orders are then made in the background.' })
  async uploadBulk(@Param('id') id: string, @Req() req: FastifyRequest, @CurrentPrincipal() p: Principal): Promise<RestrictionBulkJobResponse> {
    return toBulkJobResponse(await this.bulk.uploadPersons(p, id, req.headers['content-type'], req.body));
  }

  @Post('bulk-jobs/:id/approve')
  @HttpCode(200)
  @Roles('SUPERVISOR')
  @ApiOkResponse({ type: RestrictionBulkJobResponse })
  async approveBulk(@Param('id') id: string, @Body() body: ApproveRestrictionDto, @CurrentPrincipal() p: Principal): Promise<RestrictionBulkJobResponse> {
    return toBulkJobResponse(await this.bulk.decide(p, id, 'APPROVE', body.note));
  }

  @Post('bulk-jobs/:id/reject')
  @HttpCode(200)
  @Roles('SUPERVISOR')
  @ApiOkResponse({ type: RestrictionBulkJobResponse })
  async rejectBulk(@Param('id') id: string, @Body() body: RestrictionReasonDto, @CurrentPrincipal() p: Principal): Promise<RestrictionBulkJobResponse> {
    return toBulkJobResponse(await this.bulk.decide(p, id, 'REJECT', body.reason));
  }

  @Get('bulk-jobs/:id')
  @Roles(...STAFF)
  @ApiOkResponse({ type: RestrictionBulkJobResponse })
  async bulkJob(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<RestrictionBulkJobResponse> {
    return toBulkJobResponse(await this.bulk.get(p, id));
  }

  @Get('bulk-jobs/:id/rows')
  @Roles(...STAFF)
  @ApiOkResponse({ type: [RestrictionBulkRowResponse] })
  async bulkRows(@Param('id') id: string, @Query() q: RestrictionBulkRowsQuery, @CurrentPrincipal() p: Principal): Promise<RestrictionBulkRowResponse[]> {
    return (await this.bulk.rows(p, id, q.afterRow ?? 0, q.limit ?? 1000, q.status)).map(toBulkRowResponse);
  }
}
