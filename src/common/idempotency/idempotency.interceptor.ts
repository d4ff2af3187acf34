import { createHash } from 'node:crypto';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { canonicalJson } from '../../domain/audit/hash-chain.js';
import { DomainError } from '../../domain/domain-error.js';
import type { Principal } from '../http/principal.js';
import { IdempotencyRepository } from './idempotency.repository.js';

export const IDEMPOTENT_KEY = 'http:idempotent';

type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

const KEY_PATTERN = /^[A-Za-z0-9_\-:.]{1,200}$/;

/**
 * `Idempotency-Key` on creating POSTs: the first request's response is stored; the same key
 * with the same body returns it again, with another body answers 409. Keys are scoped to the
 * caller and the route. A request that fails releases its key so it can be retried.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly repo: IdempotencyRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers['idempotency-key'];
    if (req.method !== 'POST' || header === undefined || !this.reflector.get<boolean>(IDEMPOTENT_KEY, context.getHandler())) {
      return next.handle();
    }
    return from(this.run(context, next, req, Array.isArray(header) ? header[0]! : header));
  }

  private async run(context: ExecutionContext, next: CallHandler, req: AuthenticatedRequest, key: string): Promise<unknown> {
    if (!KEY_PATTERN.test(key)) throw new DomainError('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1-200 letters, digits, dash, underscore, colon or dot.');
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const who = req.principal ? `${req.principal.kind}:${req.principal.id}` : 'anonymous';
    const scope = `${who} ${req.method} ${req.routeOptions.url ?? req.url}`;
    const requestHash = createHash('sha256').update(canonicalJson({ params: req.params ?? {}, query: req.query ?? {}, body: req.body ?? null })).digest('hex');

    if (!(await this.repo.claim(scope, key, requestHash, this.clock.now()))) {
      const existing = await this.repo.find(scope, key);
      if (!existing) throw new DomainError('IDEMPOTENCY_IN_PROGRESS', 'Retry the request.');
      if (existing.requestHash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request.');
      if (existing.statusCode === null) throw new DomainError('IDEMPOTENCY_IN_PROGRESS', 'The first request with this Idempotency-Key is still being processed.');
      void reply.status(existing.statusCode).header('idempotent-replayed', 'true');
      return existing.responseBody;
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
      await this.repo.complete(scope, key, status, body ?? null, this.clock.now());
      return body;
    } catch (e) {
      await this.repo.release(scope, key);
      throw e;
    }
  }
}
