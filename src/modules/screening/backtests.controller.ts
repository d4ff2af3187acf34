import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/http/decorators.js';
import type { Principal } from '../../common/http/principal.js';
import { BacktestService } from './backtest.service.js';
import { BacktestDto, BacktestResponse, toBacktestResponse } from './dto/rule-sets.dto.js';

/** Backtests live beside rule sets: replay stored screenings through a candidate, change nothing. */
@ApiTags('screening')
@ApiBearerAuth()
@Controller('v1/screening/backtests')
export class BacktestsController {
  constructor(private readonly backtests: BacktestService) {}

  @Post()
  @HttpCode(200)
  @Roles('ADMIN')
  @ApiOkResponse({ type: BacktestResponse })
  async run(@Body() body: BacktestDto, @CurrentPrincipal() p: Principal): Promise<BacktestResponse> {
    return toBacktestResponse(await this.backtests.run(p, body));
  }
}
