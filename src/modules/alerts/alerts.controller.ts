import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scopes } from '../../common/http/decorators.js';
import type { Principal } from '../../common/http/principal.js';
import { AlertPageResponse, AlertResponse, ListAlertsQuery, toAlertResponse } from './dto/alerts.dto.js';
import { AlertsService } from './alerts.service.js';

@ApiTags('alerts')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/alerts')
export class AlertsController {
  constructor(private readonly service: AlertsService) {}

  @Get()
  @Roles('BRANCH_SYSTEM', 'ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @Scopes('transfers')
  @ApiOperation({ summary: 'Alerts on your accounts (operator and regulators: all), newest first, with cursor pagination.' })
  @ApiOkResponse({ type: AlertPageResponse })
  async list(@Query() q: ListAlertsQuery, @CurrentPrincipal() p: Principal): Promise<AlertPageResponse> {
    const page = await this.service.list(p, q);
    const viewer = this.service.viewerOf(p);
    return { items: page.items.map((a) => toAlertResponse(a, viewer)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Roles('BRANCH_SYSTEM', 'ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @Scopes('transfers')
  @ApiOkResponse({ type: AlertResponse })
  async get(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<AlertResponse> {
    return toAlertResponse(await this.service.get(p, id), this.service.viewerOf(p));
  }
}
