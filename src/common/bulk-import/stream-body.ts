import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Route config (via @RouteConfig from @nestjs/platform-fastify) that lets a route take a streamed upload. */
export const STREAM_BODY = { streamBody: true } as const;

export const STREAMED_CONTENT_TYPES = ['text/csv', 'application/x-ndjson', 'application/ndjson'] as const;

function streamsBody(req: FastifyRequest): boolean {
  const config = req.routeOptions.config as { streamBody?: unknown } | undefined;
  return config?.streamBody === true;
}

/**
 * CSV and NDJSON bodies reach routes marked with STREAM_BODY as the raw request stream: Fastify
 * neither buffers them nor applies BODY_LIMIT_BYTES, so a multi-gigabyte file flows through a
 * bulk import batch by batch. Everywhere else these types are refused with 415, so no other route
 * ever sees an unread stream as its body. Registered once per Fastify instance.
 */
export function registerStreamBodyParsers(fastify: FastifyInstance): void {
  for (const type of STREAMED_CONTENT_TYPES) {
    if (fastify.hasContentTypeParser(type)) continue;
    fastify.addContentTypeParser(type, (req, payload, done) => {
      if (streamsBody(req)) {
        done(null, payload);
        return;
      }
      done(Object.assign(new Error(`${type} bodies are accepted by bulk import routes only`), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }), undefined);
    });
  }
}
