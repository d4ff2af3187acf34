import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../../domain/domain-error.js';
import { PUBLIC_KEY, ROLES_KEY, SCOPES_KEY, type AuthenticatedRequest } from '../../common/http/decorators.js';
import type { Principal } from '../../common/http/principal.js';
import { requestContext } from '../../common/http/request-context.js';
import { AuthService } from './auth.service.js';
import type { Role } from './roles.js';

/**
 * Every route needs a caller unless marked @Public(). Staff send a bearer JWT, branch systems an
 * X-API-Key. A route's @Roles() lists who may call it; API keys (role BRANCH_SYSTEM) must also
 * hold one of the route's @Scopes().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(req);
    if (!principal) throw new DomainError('UNAUTHENTICATED', 'Send a valid bearer token or X-API-Key.');
    req.principal = principal;
    const ctx = requestContext.current();
    if (ctx && ctx.requestId === String(req.id)) ctx.principal = principal;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const scopes = this.reflector.getAllAndOverride<string[] | undefined>(SCOPES_KEY, targets) ?? [];
    if (principal.kind === 'API_KEY') {
      // Routes open to every caller (no roles, no scopes) admit keys too.
      if (roles === undefined && scopes.length === 0) return true;
      const roleOk = roles === undefined || roles.includes('BRANCH_SYSTEM');
      const scopeOk = scopes.some((s) => principal.scopes.includes(s));
      if (!roleOk || !scopeOk) throw new DomainError('FORBIDDEN', 'This API key may not call this route.');
      return true;
    }
    if (roles !== undefined && !roles.some((r) => principal.roles.includes(r))) {
      throw new DomainError('FORBIDDEN', 'Your role may not call this route.');
    }
    return true;
  }

  private async authenticate(req: AuthenticatedRequest): Promise<Principal | null> {
    const key = req.headers['x-api-key'];
    if (typeof key === 'string' && key.length > 0) return this.auth.principalFromApiKey(key);
    const authz = req.headers.authorization;
    if (typeof authz === 'string' && authz.startsWith('Bearer ')) return this.auth.principalFromToken(authz.slice(7).trim());
    return null;
  }
}
