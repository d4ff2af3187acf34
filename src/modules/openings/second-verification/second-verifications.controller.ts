import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../../common/http/decorators.js';
import type { Principal } from '../../../common/http/principal.js';
import {
  RunSummaryResponse,
  SecondVerificationQueryDto,
  SecondVerificationResponse,
  toRunSummaryResponse,
  toSecondVerificationResponse,
} from '../dto/second-verifications.dto.js';
import { SecondVerificationService } from './second-verification.service.js';

@ApiTags('second-verifications')
@ApiBearerAuth()
@Controller('v1/second-verifications')
export class SecondVerificationsController {
  constructor(private readonly service: SecondVerificationService) {}

  @Get()
  @Roles('ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @ApiOkResponse({ type: [SecondVerificationResponse] })
  async list(@Query() q: SecondVerificationQueryDto, @CurrentPrincipal() p: Principal): Promise<SecondVerificationResponse[]> {
    return (await this.service.list(p, { ...q, limit: q.limit ?? 50 })).map(toSecondVerificationResponse);
  }

  /** Operator ADMIN: runs every verification due now (the scheduler does this by itself). */
  @Post('run')
  @HttpCode(200)
  @Roles('ADMIN')
  @ApiOkResponse({ type: RunSummaryResponse })
  async run(@CurrentPrincipal() p: Principal): Promise<RunSummaryResponse> {
    return toRunSummaryResponse(await this.service.runDueFor(p));
  }

  @Get(':id')
  @Roles('ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @ApiOkResponse({ type: SecondVerificationResponse })
  async get(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<SecondVerificationResponse> {
    return toSecondVerificationResponse(await this.service.get(p, id));
  }
}
