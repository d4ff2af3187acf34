import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Idempotent, Roles, Scopes } from '../../common/http/decorators.js';
import type { Principal } from '../../common/http/principal.js';
import { AccountActivityBatchDto, AccountActivityResultResponse, StreamStatusResponse, TransferBatchDto, TransferBatchResponse } from './dto/transfers.dto.js';
import { TransfersService } from './transfers.service.js';

@ApiTags('transfers')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/transfers')
export class TransfersController {
  constructor(private readonly service: TransfersService) {}

  @Post()
  @HttpCode(200)
  @Idempotent()
  @Roles('BRANCH_SYSTEM', 'ADMIN')
  @Scopes('transfers')
  @ApiOperation({
    summary: 'Report a batch of up to 1,000 transfer events; each gets its own result.',
    description:
      'Events follow docs/transfer-event.schema.json (the TransferEventDto schema below). Without Kafka the events are detected at once and the ' +
      'result lists the alerts they raised; with Kafka they are published to the `transfers` topic (status QUEUED) and alerts appear on ' +
      'GET /v1/alerts and the `risk.alerts` topic. A repeated eventId is ignored (DUPLICATE).',
  })
  @ApiOkResponse({ type: TransferBatchResponse })
  report(@Body() body: TransferBatchDto, @CurrentPrincipal() p: Principal): Promise<TransferBatchResponse> {
    return this.service.ingest(p, body.events);
  }

  @Post('account-activity')
  @HttpCode(200)
  @Roles('BRANCH_SYSTEM', 'ADMIN')
  @Scopes('transfers', 'accounts:load')
  @ApiOperation({
    summary: 'Report the last known activity of accounts (up to 10,000).',
    description: 'Lets the platform recognise an account that wakes after months of silence (DORMANT_REACTIVATED) before it has seen the account move. A later time already known is kept. Banks report their own accounts only.',
  })
  @ApiOkResponse({ type: AccountActivityResultResponse })
  activity(@Body() body: AccountActivityBatchDto, @CurrentPrincipal() p: Principal): Promise<AccountActivityResultResponse> {
    return this.service.recordActivity(p, body.accounts);
  }

  @Get('status')
  @Roles('BRANCH_SYSTEM', 'ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @Scopes('transfers', 'diagnostics')
  @ApiOperation({ summary: 'The detection stream: newest stored event time and this instance\'s windows (operator and regulators).' })
  @ApiOkResponse({ type: StreamStatusResponse })
  status(@CurrentPrincipal() p: Principal): Promise<StreamStatusResponse> {
    return this.service.status(p);
  }
}
