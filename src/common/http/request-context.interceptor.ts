import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { AuthenticatedRequest } from './decorators.js';
import { requestContext } from './request-context.js';

/** Runs the handler inside the request's context (request id, principal) for audit and logs. */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    return new Observable((subscriber) =>
      requestContext.run({ requestId: String(req.id), principal: req.principal }, () => next.handle().subscribe(subscriber)),
    );
  }
}
