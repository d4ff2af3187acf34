import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { BlindIndexService } from '../../common/crypto/blind-index.service.js';
import { seesAllInstitutions, type Principal } from '../../common/http/principal.js';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { DomainError } from '../../domain/domain-error.js';
import { maskResidentId, parseResidentId } from '../../domain/identity/national-id.js';
import { requiresFourEyes, type RestrictionMeasure } from '../../domain/restrictions/index.js';
import { actorOf } from './restriction-orders.service.js';
import { formatOfContentType, readRecords } from '../../common/bulk-import/record-stream.js';
import { AuditService } from '../audit/audit.service.js';
import type { RestrictionBulkJobEntity } from './restriction-bulk-job.entity.js';
import type { RestrictionOrderEntity } from './restriction-order.entity.js';
import type { BulkRowStatus, RestrictionBulkRowEntity } from './restriction-bulk-row.entity.js';
import { RestrictionBulkRepository } from './restriction-bulk.repository.js';
import { RestrictionOrdersService, type Actor, type BasisInput, type OrderSpec } from './restriction-orders.service.js';
import { RestrictionsRepository } from './restrictions.repository.js';
import { Rerun } from '../../common/background/rerun.js';

/** Persons in a JSON list (a streamed upload has no limit but BULK_MAX_UPLOAD). */
export const BULK_MAX_PERSONS = 50_000;
export const BULK_MAX_UPLOAD = 10_000_000;
const UPLOAD_BATCH = 5000;
const BATCH = 500;
/** A RUNNING job not touched for this long belongs to an instance that died: another may take it. */
const STALE_MS = 120_000;

export interface BulkJobInput {
  level: RestrictionMeasure;
  basis: BasisInput;
  effectiveFrom?: Date;
  expiresAt?: Date;
  dailyLimit?: { amountFen: number; count: number };
  /** Omitted: the job waits for a streamed upload of the persons (uploadPersons). */
  idNumbers?: string[];
}

interface Template {
  /** The level needs four eyes: one supervisor approves the job as a whole before any order is made. */
  approval: { required: boolean; by?: string; at?: string; reason?: string };
  level: RestrictionMeasure;
  basis: BasisInput;
  effectiveFrom: string | null;
  expiresAt: string | null;
  dailyLimit: { amountFen: number; count: number } | null;
  actor: Actor;
}

/**
 * Applying one basis to a list of persons (the city's 25,700 restricted persons in one go).
 * The list arrives either in the job's JSON body (idNumbers, up to 50,000; at the default 1 MiB
 * body limit about 45,000 fit) or, for any size, as a streamed CSV (column idNumber) or NDJSON
 * ({"idNumber": ...}) upload to the job, read with the shared bulk-import readers in constant
 * memory. Every number is validated and
 * blind-indexed on arrival, so only the blind index and the masked form are stored; the job
 * then makes one PERSON order per person in the background, 500 at a time, with progress on
 * the job and a result per row. Idempotent per (job, person): a job interrupted by a restart
 * resumes from its pending rows, and a person listed twice gets one order (EXISTING).
 */
@Injectable()
export class RestrictionBulkService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RestrictionBulk');
  private readonly worker = new Rerun(
    () => this.runAll(),
    (err) => this.logger.error({ msg: 'bulk jobs failed', err: err instanceof Error ? err.message : String(err) }),
  );

  constructor(
    private readonly bulk: RestrictionBulkRepository,
    private readonly repo: RestrictionsRepository,
    private readonly orders: RestrictionOrdersService,
    private readonly blind: BlindIndexService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  async submit(p: Principal, input: BulkJobInput): Promise<RestrictionBulkJobEntity> {
    if (!seesAllInstitutions(p)) throw new DomainError('RESTRICTION_TARGET_NOT_ALLOWED', 'Orders on persons come from the operator, regulators or police.');
    if (!['SUPERVISOR', 'ADMIN', 'REGULATOR', 'ANALYST'].some((r) => p.roles.includes(r as never))) throw new DomainError('FORBIDDEN', 'Your role may not issue restriction orders.');
    if (input.idNumbers !== undefined && input.idNumbers.length === 0) throw new DomainError('RESTRICTION_INVALID_ORDER', 'idNumbers lists no one.');
    if (input.idNumbers !== undefined && input.idNumbers.length > BULK_MAX_PERSONS) throw new DomainError('RESTRICTION_BULK_TOO_LARGE', `At most ${BULK_MAX_PERSONS} persons per job.`, { given: input.idNumbers.length });
    if (input.basis.type === 'JOINT_PUNISHMENT' && input.basis.kind !== 'CONVICTED' && input.basis.kind !== 'CARD_SELLER') {
      throw new DomainError('RESTRICTION_INVALID_ORDER', 'A joint punishment basis needs kind CONVICTED or CARD_SELLER.');
    }
    if (!input.expiresAt && input.basis.type !== 'JOINT_PUNISHMENT') {
      throw new DomainError('RESTRICTION_TERM_REQUIRED', 'Give expiresAt, or a JOINT_PUNISHMENT basis whose term is derived.');
    }
    const now = this.clock.now();
    const id = randomUUID();
    const rows: RestrictionBulkRowEntity[] = (input.idNumbers ?? []).map((raw, i) => this.row(id, i + 1, raw, now));
    const invalid = rows.filter((r) => r.status === 'INVALID').length;
    const approvalRequired = requiresFourEyes(input.level) && !this.orders.fourEyesExempt(input.basis.type, {});
    const template: Template = {
      approval: { required: approvalRequired },
      level: input.level,
      basis: input.basis,
      effectiveFrom: input.effectiveFrom?.toISOString() ?? null,
      expiresAt: input.expiresAt?.toISOString() ?? null,
      dailyLimit: input.dailyLimit ?? null,
      actor: { type: p.kind, id: p.id, name: p.name, institutionId: p.institutionId },
    };
    const job: RestrictionBulkJobEntity = {
      id,
      institutionId: p.institutionId,
      createdBy: `${p.kind}:${p.id}`,
      status: input.idNumbers === undefined ? 'UPLOADING' : approvalRequired ? 'AWAITING' : 'PENDING',
      template: { ...template },
      total: rows.length,
      processed: invalid,
      created: 0,
      existing: 0,
      failed: invalid,
      error: null,
      createdAt: now,
      startedAt: null,
      finishedAt: null,
      updatedAt: now,
    };
    await this.bulk.create(job, rows);
    await this.audit.record({ action: 'restriction-bulk-job.created', subjectType: 'restriction-bulk-job', subjectId: id, details: { total: rows.length, invalid, level: input.level, basisType: input.basis.type } });
    this.kick();
    return job;
  }

  /** Validates and blind-indexes one submitted ID number; the raw number is never stored. */
  private row(jobId: string, rowNo: number, raw: unknown, now: Date): RestrictionBulkRowEntity {
    const row: RestrictionBulkRowEntity = { jobId, rowNo, holderKey: null, holderMasked: null, status: 'PENDING', orderId: null, errorCode: null, message: null };
    try {
      const parsed = parseResidentId(typeof raw === 'string' ? raw : '', now);
      row.holderKey = this.blind.of('RESIDENT_ID', parsed.number);
      row.holderMasked = maskResidentId(parsed.number);
    } catch (err) {
      row.status = 'INVALID';
      row.errorCode = err instanceof DomainError ? err.code : 'INVALID_RESIDENT_ID';
      row.message = err instanceof DomainError ? `${err.message} (${String(err.details?.['reason'] ?? '')})` : 'not a resident ID number';
    }
    return row;
  }

  /**
   * The persons of an UPLOADING job, streamed: CSV with an idNumber column or NDJSON objects with
   * idNumber. Row numbers are the file's line numbers. Unreadable lines become INVALID rows; the
   * job then waits for approval or starts.
   */
  async uploadPersons(p: Principal, id: string, contentType: string | undefined, body: unknown): Promise<RestrictionBulkJobEntity> {
    const job = await this.get(p, id);
    const format = formatOfContentType(contentType);
    if (!format || !isReadable(body)) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the persons as the request body with Content-Type text/csv or application/x-ndjson.');
    if (job.status !== 'UPLOADING') throw new DomainError('RESTRICTION_ORDER_NOT_PENDING', `The job is ${job.status}; its persons were given already.`);
    const now = this.clock.now();
    let batch: RestrictionBulkRowEntity[] = [];
    let total = 0;
    let invalid = 0;
    for await (const src of readRecords(body, format, { knownColumns: new Set(['idNumber']), requiredColumns: ['idNumber'] })) {
      if (++total > BULK_MAX_UPLOAD) throw new DomainError('RESTRICTION_BULK_TOO_LARGE', `At most ${BULK_MAX_UPLOAD} persons per job.`);
      const row = src.error
        ? { jobId: id, rowNo: src.row, holderKey: null, holderMasked: null, status: 'INVALID' as const, orderId: null, errorCode: src.error.code, message: src.error.message }
        : this.row(id, src.row, src.record.idNumber, now);
      if (row.status === 'INVALID') invalid += 1;
      batch.push(row);
      if (batch.length >= UPLOAD_BATCH) {
        await this.bulk.insertRows(batch);
        batch = [];
      }
    }
    await this.bulk.insertRows(batch);
    if (total === 0) throw new DomainError('RESTRICTION_INVALID_ORDER', 'The upload lists no one.');
    const t = job.template as unknown as Template;
    const status = t.approval.required ? 'AWAITING' : 'PENDING';
    if (!(await this.bulk.uploaded(id, { status, total, processed: invalid, failed: invalid }, this.clock.now()))) {
      throw new DomainError('RESTRICTION_ORDER_NOT_PENDING', 'The job\u2019s persons were given meanwhile.');
    }
    await this.audit.record({ action: 'restriction-bulk-job.uploaded', subjectType: 'restriction-bulk-job', subjectId: id, institutionId: job.institutionId, details: { format, total, invalid } });
    // Read before the worker is woken: the answer is the job as uploaded, not a moment the worker
    // happened to reach.
    const uploaded = (await this.bulk.findJob(id))!;
    this.kick();
    return uploaded;
  }

  async get(p: Principal, id: string): Promise<RestrictionBulkJobEntity> {
    const job = await this.bulk.findJob(id);
    if (!job || (job.institutionId !== p.institutionId && p.institutionKind !== 'OPERATOR')) throw new DomainError('RESTRICTION_BULK_JOB_NOT_FOUND', 'No such bulk job.');
    return job;
  }

  async rows(p: Principal, id: string, afterRow: number, limit: number, status?: BulkRowStatus): Promise<RestrictionBulkRowEntity[]> {
    await this.get(p, id);
    return this.bulk.rows(id, afterRow, Math.min(Math.max(limit, 1), 5000), status);
  }

  /**
   * Four eyes for a whole job: a supervisor of the submitting institution, not the submitter,
   * approves (the orders are then made active, each naming the approver) or rejects it.
   */
  async decide(p: Principal, id: string, outcome: 'APPROVE' | 'REJECT', reason?: string): Promise<RestrictionBulkJobEntity> {
    const job = await this.get(p, id);
    if (job.status !== 'AWAITING') throw new DomainError('RESTRICTION_ORDER_NOT_PENDING', `The job is ${job.status}, not awaiting approval.`);
    const t = job.template as unknown as Template;
    const ok = p.kind === 'USER' && p.roles.includes('SUPERVISOR') && p.institutionId === job.institutionId && !(t.actor.type === 'USER' && t.actor.id === p.id);
    if (!ok) throw new DomainError('RESTRICTION_APPROVER_NOT_ALLOWED', 'A supervisor of the submitting institution other than the submitter must approve.');
    const now = this.clock.now();
    const template = { ...t, approval: { required: true, by: actorOf(p).id, at: now.toISOString(), ...(reason ? { reason } : {}) } };
    const status = outcome === 'APPROVE' ? 'PENDING' : 'REJECTED';
    if (!(await this.bulk.decide(id, status, template as unknown as Record<string, unknown>, now))) throw new DomainError('RESTRICTION_ORDER_NOT_PENDING', 'The job was decided meanwhile.');
    await this.audit.record({ action: outcome === 'APPROVE' ? 'restriction-bulk-job.approved' : 'restriction-bulk-job.rejected', subjectType: 'restriction-bulk-job', subjectId: id, institutionId: job.institutionId, details: reason ? { reason } : {} });
    const decided = (await this.bulk.findJob(id))!;
    if (outcome === 'APPROVE') this.kick();
    return decided;
  }

  /** Runs pending jobs (one at a time in this instance). */
  kick(): void {
    this.worker.kick();
  }

  /** Resolves when no job is running here (tests). */
  async idle(): Promise<void> {
    await this.worker.idle();
  }

  private async runAll(): Promise<void> {
    for (const job of await this.bulk.unfinished()) {
      if (this.worker.stopping) return;
      const now = this.clock.now();
      // Taken atomically: a pending job, or a running one whose instance stopped touching it.
      if (!(await this.bulk.claim(job.id, now, new Date(now.getTime() - STALE_MS)))) continue;
      try {
        await this.run(job);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.logger.error({ msg: 'bulk job failed', jobId: job.id, err: message });
        await this.bulk.updateJob(job.id, { status: 'FAILED', error: message.slice(0, 500), finishedAt: this.clock.now(), updatedAt: this.clock.now() });
      }
    }
  }

  private async run(job: RestrictionBulkJobEntity): Promise<void> {
    const t = job.template as unknown as Template;
    for (;;) {
      if (this.worker.stopping) return;
      const rows = await this.bulk.pendingRows(job.id, BATCH);
      if (rows.length === 0) break;
      await this.runBatch(job, t, rows);
      const counts = await this.bulk.countByStatus(job.id);
      const now = this.clock.now();
      await this.bulk.updateJob(job.id, {
        processed: job.total - counts.PENDING,
        created: counts.CREATED,
        existing: counts.EXISTING,
        failed: counts.INVALID + counts.FAILED,
        updatedAt: now,
      });
    }
    const now = this.clock.now();
    await this.bulk.updateJob(job.id, { status: 'COMPLETED', finishedAt: now, updatedAt: now });
    const counts = await this.bulk.countByStatus(job.id);
    await this.audit.record({ action: 'restriction-bulk-job.completed', subjectType: 'restriction-bulk-job', subjectId: job.id, institutionId: job.institutionId, actor: { type: 'SYSTEM', id: 'restriction-bulk' }, details: { ...counts } });
  }

  private async runBatch(job: RestrictionBulkJobEntity, t: Template, rows: RestrictionBulkRowEntity[]): Promise<void> {
    const now = this.clock.now();
    const holderKeys = [...new Set(rows.map((r) => r.holderKey!))];
    const holderAccounts = await this.repo.accountsOfHolders(holderKeys);
    // Chaining needs each person's earlier joint-punishment terms: one query for the batch.
    const jointTerms = new Map<string, RestrictionOrderEntity[]>(holderKeys.map((h) => [h, []]));
    if (t.basis.type === 'JOINT_PUNISHMENT' && !t.expiresAt) {
      for (const o of await this.repo.jointPunishmentTermsOfHolders('PERSON', t.level, holderKeys)) jointTerms.get(o.holderKey!)?.push(o);
    }
    const specs: OrderSpec[] = [];
    const specRow = new Map<string, RestrictionBulkRowEntity>();
    const done: RestrictionBulkRowEntity[] = [];
    const inBatch = new Map<string, RestrictionBulkRowEntity>();
    for (const row of rows) {
      const first = inBatch.get(row.holderKey!);
      if (first) {
        // The same person twice in one batch: one order, the later row points at it.
        done.push({ ...row, status: 'EXISTING', message: `same person as row ${first.rowNo}` });
        continue;
      }
      inBatch.set(row.holderKey!, row);
      const target = { targetType: 'PERSON' as const, bankCode: null, accountNumber: null, holderKey: row.holderKey, holderMasked: row.holderMasked, accountInstitutionId: null };
      try {
        const term = await this.orders.term(target, t.level, t.basis, t.effectiveFrom ? new Date(t.effectiveFrom) : now, t.expiresAt ? new Date(t.expiresAt) : undefined, undefined, jointTerms.get(row.holderKey!));
        const spec: OrderSpec = {
          id: randomUUID(),
          ...target,
          level: t.level,
          dailyAmountFen: t.dailyLimit?.amountFen ?? null,
          dailyCount: t.dailyLimit?.count ?? null,
          basisType: t.basis.type,
          basisRef: t.basis.reference,
          basisKind: t.basis.kind ?? null,
          basisNote: t.basis.note ?? null,
          effectiveFrom: term.from,
          expiresAt: term.to,
          termSource: term.source,
          requiresApproval: t.approval.required,
          ...(t.approval.required && t.approval.by && t.approval.at ? { preApproved: { by: t.approval.by, at: new Date(t.approval.at) } } : {}),
          policyId: null,
          policyEventId: null,
          provisional: false,
          supersedesOrderId: null,
          bulkJobId: job.id,
          dedupKey: `bulk:${job.id}:${row.holderKey}`,
          details: { ...term.details, bulkJobId: job.id, rowNo: row.rowNo, ...(t.approval.by ? { approvedBy: t.approval.by, approvedAt: t.approval.at } : {}) },
        };
        specs.push(spec);
        specRow.set(spec.dedupKey!, row);
      } catch (err) {
        done.push({ ...row, status: 'FAILED', errorCode: err instanceof DomainError ? err.code : 'INTERNAL_ERROR', message: (err instanceof Error ? err.message : String(err)).slice(0, 500) });
      }
    }
    if (specs.length > 0) {
      const result = await this.orders.persist(specs, t.actor, 'ORDER_CREATED', holderAccounts);
      for (const o of result.created) done.push({ ...specRow.get(o.dedupKey!)!, status: 'CREATED', orderId: o.id });
      for (const o of result.existing) done.push({ ...specRow.get(o.dedupKey!)!, status: 'EXISTING', orderId: o.id });
    }
    // Later duplicates point at the order of the first row of their person.
    const orderOf = new Map(done.filter((r) => r.orderId).map((r) => [r.holderKey!, r.orderId!]));
    for (const r of done) if (r.status === 'EXISTING' && !r.orderId) r.orderId = orderOf.get(r.holderKey!) ?? null;
    await this.bulk.finishRows(done);
  }
}

function isReadable(body: unknown): body is Readable {
  return typeof body === 'object' && body !== null && typeof (body as Readable).pipe === 'function' && typeof (body as Readable).on === 'function';
}
