import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Roles, Scopes } from '../../common/http/decorators.js';
import { EchoDto } from './dto/echo.dto.js';

@ApiTags('diagnostics')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/diagnostics')
export class DiagnosticsController {
  /** Validates the body like any real route and sends it back: a connectivity check for integrators. */
  @Post('echo')
  @HttpCode(200)
  @Roles('BRANCH_SYSTEM', 'ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @Scopes('diagnostics', 'screening')
  @ApiOkResponse({ type: EchoDto })
  echo(@Body() body: EchoDto): EchoDto {
    return body;
  }
}
