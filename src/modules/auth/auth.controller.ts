import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public } from '../../common/http/decorators.js';
import type { Principal } from '../../common/http/principal.js';
import { AuthService } from './auth.service.js';
import { LoginDto, LoginResponse, MeResponse } from './dto/auth.dto.js';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  login(@Body() body: LoginDto): Promise<LoginResponse> {
    return this.auth.login(body.username, body.password);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiSecurity('api-key')
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentPrincipal() p: Principal): MeResponse {
    return { kind: p.kind, id: p.id, name: p.name, institutionId: p.institutionId, institutionKind: p.institutionKind, roles: [...p.roles], scopes: [...p.scopes] };
  }
}
