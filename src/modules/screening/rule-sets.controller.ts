import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/http/decorators.js';
import type { Principal } from '../../common/http/principal.js';
import { PublishRuleSetDto, RuleSetResponse, toRuleSetResponse } from './dto/rule-sets.dto.js';
import { RuleSetsService } from './rule-sets.service.js';

@ApiTags('screening')
@ApiBearerAuth()
@Controller('v1/screening/rule-sets')
export class RuleSetsController {
  constructor(private readonly ruleSets: RuleSetsService) {}

  @Get()
  @Roles('ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @ApiOkResponse({ type: [RuleSetResponse] })
  async list(): Promise<RuleSetResponse[]> {
    return (await this.ruleSets.list()).map(toRuleSetResponse);
  }

  @Get('active')
  @Roles('ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @ApiOkResponse({ type: RuleSetResponse })
  async active(): Promise<RuleSetResponse> {
    return toRuleSetResponse(await this.ruleSets.get(this.ruleSets.active().version));
  }

  @Get(':version')
  @Roles('ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @ApiOkResponse({ type: RuleSetResponse })
  async get(@Param('version') version: string): Promise<RuleSetResponse> {
    return toRuleSetResponse(await this.ruleSets.get(version));
  }

  /** Operator ADMIN: validates and stores a new version (activated unless activate is false). */
  @Post()
  @Roles('ADMIN')
  @ApiCreatedResponse({ type: RuleSetResponse })
  async publish(@Body() body: PublishRuleSetDto, @CurrentPrincipal() p: Principal): Promise<RuleSetResponse> {
    return toRuleSetResponse(await this.ruleSets.publish(p, body.ruleSet, body.activate ?? true));
  }

  @Post(':version/activate')
  @HttpCode(200)
  @Roles('ADMIN')
  @ApiOkResponse({ type: RuleSetResponse })
  async activate(@Param('version') version: string, @CurrentPrincipal() p: Principal): Promise<RuleSetResponse> {
    return toRuleSetResponse(await this.ruleSets.activate(p, version));
  }
}
