import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, CLOCK, type Clock } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { DomainError } from '../../domain/domain-error.js';
import { AuditService } from '../../modules/audit/audit.service.js';
import { seesAllInstitutions, type Principal } from '../http/principal.js';
import { type BulkImportOptions, runBulkImport } from './bulk-import.runner.js';
import type { ImportFormat, ImportJobEntity, ImportStatus } from './import-job.entity.js';
import { ImportJobsRepository } from './import-jobs.repository.js';
import type { ImportRowErrorEntity } from './import-row-error.entity.js';
import { parseInThread, type RowParser } from './parsed-rows.js';
import { parseInWorker, type ThreadParse } from './parse-thread.js';
import { formatOfContentType, readRecords, type ReadOptions } from './record-stream.js';

export interface ImportRun<T, P = undefined> extends Pick<BulkImportOptions<T, P>, 'prepare' | 'write' | 'key' | 'batchSize'> {
  readonly read?: ReadOptions;
  /** Validates one record on this thread; throws RowRejection or DomainError for a bad row. */
  readonly parse: RowParser<T>;
  /**
   * The same validation on a worker thread (IMPORT_PARSE_THREAD), for loads whose reading and
   * checking would otherwise hold up the importing thread. It must accept and refuse exactly
   * the rows `parse` does.
   */
  readonly thread?: ThreadParse<T>;
}

/**
 * The shared machinery of streamed bulk loads: a job row whose counters move after every batch,
 * the row-level error report, and who may see which job. Each loading module supplies the row
 * parser and the batch writer; everything else is the same for negative-list entries, registry
 * entities and account loads.
 */
@Injectable()
export class BulkImportService {
  private readonly logger = new Logger('BulkImport');

  constructor(
    private readonly jobs: ImportJobsRepository,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The format of an upload from its Content-Type. @throws DomainError IMPORT_UNSUPPORTED_MEDIA_TYPE */
  formatOf(contentType: string | undefined, body: unknown): ImportFormat {
    const format = formatOfContentType(contentType);
    if (!format || !isReadable(body)) throw new DomainError('IMPORT_UNSUPPORTED_MEDIA_TYPE', 'Send the file as the request body with Content-Type text/csv or application/x-ndjson.');
    return format;
  }

  async start(kind: string, p: Principal, format: ImportFormat): Promise<ImportJobEntity> {
    const now = this.clock.now();
    const job = await this.jobs.insert({ id: randomUUID(), kind, institutionId: p.institutionId, actorType: p.kind, actorId: p.id, format, status: 'RUNNING', startedAt: now, updatedAt: now });
    await this.audit.record({ action: `${kind.toLowerCase()}.import.started`, subjectType: 'import', subjectId: job.id, details: { format } });
    return job;
  }

  /** Reads the upload to its end and returns the finished job; a job that fails is marked FAILED and the error rethrown. */
  async run<T, P = undefined>(job: ImportJobEntity, stream: Readable, r: ImportRun<T, P>): Promise<ImportJobEntity> {
    let last = { rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, inserted: 0, updated: 0, unchanged: 0 };
    try {
      const totals = await runBulkImport<T, P>({
        rows: r.thread && this.config.IMPORT_PARSE_THREAD ? parseInWorker(stream, job.format, r.read ?? {}, r.thread) : parseInThread(readRecords(stream, job.format, r.read), r.parse),
        ...(r.prepare ? { prepare: r.prepare } : {}),
        write: r.write,
        ...(r.key ? { key: r.key } : {}),
        ...(r.batchSize ? { batchSize: r.batchSize } : {}),
        progress: async (t, errors) => {
          last = { ...t };
          await this.jobs.progress(job.id, t, errors, this.clock.now());
        },
      });
      await this.jobs.finish(job.id, 'COMPLETED', null, this.clock.now(), totals);
      await this.audit.record({ action: `${job.kind.toLowerCase()}.import.completed`, subjectType: 'import', subjectId: job.id, details: { ...totals } });
    } catch (e) {
      const message = e instanceof DomainError ? e.message : e instanceof Error && /aborted|ECONNRESET|premature/i.test(e.message) ? 'the upload was interrupted' : 'the import stopped on an internal error';
      if (!(e instanceof DomainError)) this.logger.error({ msg: 'import failed', jobId: job.id, err: e instanceof Error ? e.message : String(e) });
      await this.jobs.finish(job.id, 'FAILED', message, this.clock.now(), last).catch(() => undefined);
      await this.audit.record({ action: `${job.kind.toLowerCase()}.import.failed`, subjectType: 'import', subjectId: job.id, outcome: 'FAILED', details: { ...last, error: message } }).catch(() => undefined);
      throw e;
    }
    return (await this.jobs.findById(job.id))!;
  }

  /** The operator and regulators see every job; an institution its own. Not found and not visible read the same. */
  async get(kind: string, p: Principal, id: string): Promise<ImportJobEntity> {
    const job = await this.jobs.findById(id);
    if (!job || job.kind !== kind || (!seesAllInstitutions(p) && job.institutionId !== p.institutionId)) {
      throw new DomainError('IMPORT_NOT_FOUND', 'No such import.');
    }
    return job;
  }

  list(kind: string, p: Principal, status: ImportStatus | undefined, limit: number): Promise<ImportJobEntity[]> {
    return this.jobs.list({ kind, ...(seesAllInstitutions(p) ? {} : { institutionId: p.institutionId }), ...(status ? { status } : {}), limit });
  }

  async errors(kind: string, p: Principal, id: string, afterRow: number, limit: number): Promise<ImportRowErrorEntity[]> {
    await this.get(kind, p, id);
    return this.jobs.errors(id, afterRow, limit);
  }
}

function isReadable(body: unknown): body is Readable {
  return typeof body === 'object' && body !== null && typeof (body as Readable).pipe === 'function' && typeof (body as Readable).on === 'function';
}
