import { randomUUID } from 'node:crypto';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { ProblemFilter } from './common/errors/problem.filter.js';
import { requestContext, type RequestContext } from './common/http/request-context.js';
import { createValidationPipe } from './common/http/validation.js';
import { createRootLogger, PinoNestLogger } from './common/logging/logger.js';
import { MetricsService } from './common/metrics/metrics.service.js';
import { systemClock, type Clock } from './config/config.module.js';
import { redactedConfig, type AppConfig } from './config/config.schema.js';
import type { Database } from './infra/database/database.js';
import { resolveSecrets } from './infra/database/secrets.js';

export interface CreateAppOptions {
  config: AppConfig;
  database: Database;
  clock?: Clock;
  logDestination?: NodeJS.WritableStream;
}

export interface CreatedApp {
  app: NestFastifyApplication;
  logger: Logger;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const UNLIMITED_PATHS = ['/health/', '/metrics', '/docs'];

function rateLimitKey(req: FastifyRequest): string {
  const key = req.headers['x-api-key'];
  if (typeof key === 'string' && key.startsWith('ark_')) return `key:${key.slice(4, 12)}`;
  return `ip:${req.ip}`;
}

/** Builds the whole service on a given database: the same code path for main, tests and benches. */
export async function createApp(o: CreateAppOptions): Promise<CreatedApp> {
  const { config } = o;
  const logger = createRootLogger(config.LOG_LEVEL, o.logDestination);
  const secrets = await resolveSecrets(o.database.dataSource, config);
  if (secrets.generated.length > 0) {
    logger.warn({ generated: secrets.generated }, 'generated and stored secrets that the environment did not set');
  }

  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    logger: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, secrets, dataSource: o.database.dataSource, clock: o.clock ?? systemClock }),
    adapter,
    { logger: new PinoNestLogger(logger), abortOnError: false },
  );

  // Security headers from helmet, built once: the middleware is created a single time here and
  // applied to every request, rather than rebuilt per request.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(rateLimit, {
    global: true,
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: rateLimitKey,
    allowList: (req) => UNLIMITED_PATHS.some((p) => req.url.startsWith(p)),
    errorResponseBuilder: (_req, ctx) => Object.assign(new Error(`Rate limit of ${ctx.max} requests a minute exceeded; retry in ${Math.ceil(ctx.ttl / 1000)} s.`), { statusCode: 429 }),
  });
  if (config.CORS_ORIGINS) app.enableCors({ origin: config.CORS_ORIGINS.split(',').map((s) => s.trim()) });

  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const metrics = app.get(MetricsService);
  fastify.addHook('onRequest', (req, reply, done) => {
    securityHeaders(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });
  // The request context (request id, then the principal) for audit records: entered right
  // before the handler runs, so everything the handler awaits sees it.
  fastify.addHook('preHandler', (req, _reply, done) => {
    const ctx: RequestContext = { requestId: String(req.id) };
    (req as FastifyRequest & { context?: RequestContext }).context = ctx;
    requestContext.enter(ctx);
    done();
  });
  fastify.addHook('onSend', (req, reply, payload, done) => {
    void reply.header('x-request-id', req.id);
    done(null, payload);
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.httpDuration.observe({ method: req.method, route, status_code: String(reply.statusCode) }, seconds);
    if (logger.isLevelEnabled('info')) {
      const p = (req as FastifyRequest & { principal?: { kind: string; id: string; institutionId: string } }).principal;
      logger.info({ reqId: req.id, method: req.method, route, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10, actor: p ? `${p.kind}:${p.id}` : undefined, institutionId: p?.institutionId }, 'request');
    }
    done();
  });

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());

  const doc = new DocumentBuilder()
    .setTitle('Account risk-screening platform API')
    .setDescription(
      'Shared account risk-control platform for member banks: screening, negative list, transfer monitoring, restrictions and compliance review. ' +
        'Errors are RFC 9457 problem+json with a stable `code`. Creating POSTs accept an `Idempotency-Key` header.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
    .build();
  const document = SwaggerModule.createDocument(app, doc);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  await app.init();
  logger.info({ config: redactedConfig(config), embedded: o.database.embedded }, 'service configured');
  return { app, logger };
}
