import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/http/decorators.js';
import type { Principal } from '../../common/http/principal.js';
import { StatsQueryDto, StatsResponse } from './dto/stats.dto.js';
import { StatsService, type Stats } from './stats.service.js';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('v1/stats')
export class StatsController {
  constructor(private readonly service: StatsService) {}

  @Get()
  @Roles('ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @ApiOkResponse({ type: StatsResponse, description: 'Figures for a period: a bank its own; the operator and regulators all institutions, one, and per institution.' })
  stats(@Query() q: StatsQueryDto, @CurrentPrincipal() p: Principal): Promise<Stats> {
    return this.service.stats(p, q);
  }
}
