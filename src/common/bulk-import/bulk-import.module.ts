import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { BulkImportService } from './bulk-import.service.js';
import { ImportJobsRepository } from './import-jobs.repository.js';
import { registerStreamBodyParsers } from './stream-body.js';

/** Streamed bulk loads; import it in a module that offers an upload route (see STREAM_BODY). */
@Module({
  providers: [ImportJobsRepository, BulkImportService],
  exports: [BulkImportService],
})
export class BulkImportModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance() as FastifyInstance | undefined;
    if (fastify && typeof fastify.addContentTypeParser === 'function') registerStreamBodyParsers(fastify);
  }
}
