import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scopes } from '../../common/http/decorators.js';
import type { Principal } from '../../common/http/principal.js';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { AccountRestrictionsResponse, toAccountRestrictionsResponse } from './dto/orders.dto.js';
import { RestrictionOrdersService } from './restriction-orders.service.js';

@ApiTags('restrictions')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/accounts')
export class AccountRestrictionsController {
  constructor(
    private readonly orders: RestrictionOrdersService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The account's restriction now and its full history. A bank sees its own accounts; the operator and regulators all. */
  @Get(':bankCode/:accountNumber/restrictions')
  @Roles('BRANCH_SYSTEM', 'ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @Scopes('restrictions:check', 'restrictions:write')
  @ApiOkResponse({ type: AccountRestrictionsResponse })
  async get(@Param('bankCode') bankCode: string, @Param('accountNumber') accountNumber: string, @CurrentPrincipal() p: Principal): Promise<AccountRestrictionsResponse> {
    return toAccountRestrictionsResponse(await this.orders.accountRestrictions(p, bankCode, accountNumber), this.clock.now());
  }
}
