import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles, Scopes } from '../../common/http/decorators.js';
import type { Principal } from '../../common/http/principal.js';
import {
  AccountOpeningScreeningDto,
  ExplainQueryDto,
  ExplanationResponse,
  ScreeningDetailResponse,
  ScreeningListQueryDto,
  ScreeningPageResponse,
  ScreeningResponse,
  toExplanationResponse,
  toScreeningDetailResponse,
  toScreeningResponse,
} from './dto/screening.dto.js';
import { ScreeningService } from './screening.service.js';

@ApiTags('screening')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/screenings')
export class ScreeningController {
  constructor(private readonly service: ScreeningService) {}

  /** 201 for a new screening, 200 with the first result when the request id was seen before. */
  @Post('account-opening')
  @HttpCode(201)
  @Roles('BRANCH_SYSTEM', 'ANALYST', 'SUPERVISOR', 'ADMIN')
  @Scopes('screening')
  @ApiOkResponse({ type: ScreeningResponse, description: 'The stored first result of a repeated requestId.' })
  async screenAccountOpening(
    @Body() body: AccountOpeningScreeningDto,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScreeningResponse> {
    const { screening, replayed } = await this.service.screenAccountOpening(p, body);
    if (replayed) void reply.status(200).header('screening-replayed', 'true');
    return toScreeningResponse(screening);
  }

  @Get()
  @Roles('ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @ApiOkResponse({ type: ScreeningPageResponse })
  async list(@Query() q: ScreeningListQueryDto, @CurrentPrincipal() p: Principal): Promise<ScreeningPageResponse> {
    const page = await this.service.list(p, q);
    return { items: page.items.map(toScreeningDetailResponse), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Roles('BRANCH_SYSTEM', 'ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @Scopes('screening')
  @ApiOkResponse({ type: ScreeningDetailResponse })
  async get(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<ScreeningDetailResponse> {
    return toScreeningDetailResponse(await this.service.get(p, id));
  }

  /** Replays the stored facts through the stored (or another) rule-set version. */
  @Get(':id/explain')
  @Roles('BRANCH_SYSTEM', 'ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @Scopes('screening')
  @ApiOkResponse({ type: ExplanationResponse })
  async explain(@Param('id') id: string, @Query() q: ExplainQueryDto, @CurrentPrincipal() p: Principal): Promise<ExplanationResponse> {
    return toExplanationResponse(await this.service.explain(p, id, q.ruleSetVersion));
  }
}
