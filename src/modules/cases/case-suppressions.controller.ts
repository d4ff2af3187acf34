import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/http/decorators.js';
import type { Principal } from '../../common/http/principal.js';
import { CaseSuppressionsService } from './case-suppressions.service.js';
import { CaseReasonDto } from './dto/cases.dto.js';
import { CaseSuppressionPageResponse, CaseSuppressionResponse, CaseSuppressionQueryDto, toCaseSuppressionResponse } from './dto/decisions.dto.js';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/suppressions')
export class CaseSuppressionsController {
  constructor(private readonly service: CaseSuppressionsService) {}

  @Get()
  @Roles('ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @ApiOkResponse({ type: CaseSuppressionPageResponse, description: 'Findings kept out of the queue after FALSE_POSITIVE decisions.' })
  async list(@Query() q: CaseSuppressionQueryDto, @CurrentPrincipal() p: Principal): Promise<CaseSuppressionPageResponse> {
    const { rows, total } = await this.service.list(p, {
      institutionId: q.institutionId,
      active: q.active === undefined ? undefined : q.active === 'true',
      findingCode: q.findingCode,
      limit: q.limit,
      offset: q.offset,
    });
    return { items: rows.map((s) => toCaseSuppressionResponse(s, this.service.isActive(s))), total };
  }

  @Get(':id')
  @Roles('ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @ApiOkResponse({ type: CaseSuppressionResponse })
  async get(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<CaseSuppressionResponse> {
    const s = await this.service.get(p, id);
    return toCaseSuppressionResponse(s, this.service.isActive(s));
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Roles('SUPERVISOR', 'ADMIN')
  @ApiOkResponse({ type: CaseSuppressionResponse })
  async revoke(@Param('id') id: string, @Body() body: CaseReasonDto, @CurrentPrincipal() p: Principal): Promise<CaseSuppressionResponse> {
    const s = await this.service.revoke(p, id, body.reason);
    return toCaseSuppressionResponse(s, this.service.isActive(s));
  }
}
