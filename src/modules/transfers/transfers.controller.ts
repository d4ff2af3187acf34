import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Idempotent, Roles, Scopes } from '../../common/http/decorators.js';
import type { Principal } from '../../common/http/principal.js';
import { TransferBatchDto, TransferBatchResponse } from './dto/transfers.dto.js';
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
}
