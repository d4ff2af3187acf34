import { applyDecorators, createParamDecorator, SetMetadata, UseInterceptors, type ExecutionContext } from '@nestjs/common';
import { IDEMPOTENT_KEY, IdempotencyInterceptor } from '../idempotency/idempotency.interceptor.js';

export { IDEMPOTENT_KEY };
import type { FastifyRequest } from 'fastify';
import type { ApiKeyScope, Role } from '../../modules/auth/roles.js';
import type { Principal } from './principal.js';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';
export const SCOPES_KEY = 'auth:scopes';

/** No authentication: health, metrics, docs and login only. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** Roles allowed to call a route. BRANCH_SYSTEM admits API keys holding one of the route's scopes. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** API-key scopes that admit a key to the route (with the BRANCH_SYSTEM role). */
export const Scopes = (...scopes: ApiKeyScope[]): MethodDecorator & ClassDecorator => SetMetadata(SCOPES_KEY, scopes);

/**
 * A creating POST: an Idempotency-Key header makes retries return the first response. The
 * interceptor is bound to these routes only, so other routes pay nothing for it.
 */
export const Idempotent = (): MethodDecorator => applyDecorators(SetMetadata(IDEMPOTENT_KEY, true), UseInterceptors(IdempotencyInterceptor));

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!req.principal) throw new Error('CurrentPrincipal used on a public route');
  return req.principal;
});
