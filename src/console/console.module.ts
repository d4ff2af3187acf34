import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/** The console's files: src/console/public in development and tests, dist/console/public once built. */
export const CONSOLE_ROOT = fileURLToPath(new URL('./public/', import.meta.url));

/**
 * The compliance console: static HTML, CSS and ES modules served at /console by the app itself,
 * with no CDN. The pages call the same HTTP API as everyone else, with the staff member's token.
 */
@Module({})
export class ConsoleModule implements OnModuleInit {
  private readonly logger = new Logger('Console');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async onModuleInit(): Promise<void> {
    if (!existsSync(CONSOLE_ROOT)) {
      this.logger.warn({ msg: 'console files not found; /console is not served', root: CONSOLE_ROOT });
      return;
    }
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // Queued, not awaited: awaiting a registration boots Fastify's plugin queue early, before
    // Nest installs its error handler, and body-parser errors would then skip problem+json.
    void fastify.register(fastifyStatic, {
      root: CONSOLE_ROOT,
      prefix: '/console/',
      // Swagger UI decorates the reply already; this instance only serves files.
      decorateReply: false,
      index: ['index.html'],
      cacheControl: true,
      maxAge: 0,
    });
    fastify.get('/console', (_req, reply) => reply.redirect('/console/', 301));
  }
}
