import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scopes } from '../../common/http/decorators.js';
import type { Principal } from '../../common/http/principal.js';
import { AccountOpeningsService } from './account-openings.service.js';
import { AccountOpeningDto, AccountOpeningResponse, toAccountOpeningResponse } from './dto/account-openings.dto.js';

@ApiTags('account-openings')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/account-openings')
export class AccountOpeningsController {
  constructor(private readonly service: AccountOpeningsService) {}

  /** Reports an account actually opened; a re-report of the same account updates it. */
  @Post()
  @Roles('BRANCH_SYSTEM', 'ANALYST', 'SUPERVISOR', 'ADMIN')
  @Scopes('openings')
  @ApiCreatedResponse({ type: AccountOpeningResponse })
  async report(@Body() body: AccountOpeningDto, @CurrentPrincipal() p: Principal): Promise<AccountOpeningResponse> {
    const { account, record } = await this.service.report(p, { ...body });
    return toAccountOpeningResponse(account, record);
  }

  @Get(':bankCode/:accountNumber')
  @Roles('BRANCH_SYSTEM', 'ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @Scopes('openings')
  @ApiOkResponse({ type: AccountOpeningResponse })
  async get(@Param('bankCode') bankCode: string, @Param('accountNumber') accountNumber: string, @CurrentPrincipal() p: Principal): Promise<AccountOpeningResponse> {
    const { account, record } = await this.service.get(p, bankCode, accountNumber);
    return toAccountOpeningResponse(account, record);
  }
}
