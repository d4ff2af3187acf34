import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { BlindIndexService } from '../../../common/crypto/blind-index.service.js';
import { isOperatorAdmin, seesAllInstitutions, type Principal } from '../../../common/http/principal.js';
import { APP_CONFIG } from '../../../config/config.module.js';
import type { AppConfig } from '../../../config/config.schema.js';
import { DomainError } from '../../../domain/domain-error.js';
import { normaliseUscc } from '../../../domain/identity/uscc.js';
import { ChangeFeedService } from '../../../infra/messaging/change-feed.service.js';
import { NEGATIVE_LIST_PORT, type ListedIdentifier, type ListedScope, type NegativeListPort } from '../../screening/ports/negative-list.port.js';
import { REGISTRY_PORT, type FlaggedEntity, type RegistryPort } from '../../screening/ports/registry.port.js';
import { ReviewItemsService, type NewReviewItem } from '../../review-items/review-items.service.js';
import { SecondVerificationService } from '../second-verification/second-verification.service.js';
import type { RescreenJobEntity, RescreenStatus } from './rescreen-job.entity.js';
import { RescreenRepository, type InstitutionReport, type Probe, type ProbeColumn, type RecordedHit } from './rescreen.repository.js';
import { Rerun } from '../../../common/background/rerun.js';

export const NEGATIVE_LIST_CHANGES_TOPIC = 'negative-list.changes';

/** Phases of a job, in order: list entries, then (full jobs) registry findings. */
type Phase = 'NL' | 'REG';

interface Checkpoint {
  phase: Phase;
  key: string;
  ref: string;
}

export interface RescreenProgress {
  done: number;
  total: number;
  percent: number;
  /** Listed identifiers matched per second since the job started; null before any chunk. */
  ratePerSecond: number | null;
  etaSeconds: number | null;
}

export type RunOutcome = 'COMPLETED' | 'PAUSED' | 'LOST';

const HOLDER_KINDS = new Set(['RESIDENT_ID', 'FOREIGN_DOC', 'USCC']);
const WORKER_POLL_MS = 5000;
const LOG_EVERY_MS = 5000;
const INCREMENTAL_DEBOUNCE_MS = 300;
/** List changes that can make new matches; revocations, expiry and non-match marks cannot. */
const MATCHING_ACTIONS = new Set(['CREATED', 'AMENDED', 'IMPORTED', 'APPEAL_REJECTED']);

function parseCheckpoint(text: string | null): Checkpoint | null {
  if (!text) return null;
  const [phase, key, ref] = text.split('|');
  if ((phase !== 'NL' && phase !== 'REG') || key === undefined || ref === undefined) return null;
  return { phase, key, ref };
}

function compareKeys(a: { key: string; ref: string }, b: { key: string; ref: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0;
}

function columnOf(kind: ListedIdentifier['kind']): ProbeColumn {
  if (HOLDER_KINDS.has(kind)) return 'HOLDER';
  return kind === 'PHONE' ? 'PHONE' : kind === 'DEVICE' ? 'DEVICE' : 'ACCOUNT';
}

function listedProbe(id: ListedIdentifier): Probe | null {
  const column = columnOf(id.kind);
  const key = column === 'ACCOUNT' ? id.value : id.key;
  if (key === undefined) return null;
  return { column, key, ref: id.entryId, matchKind: column, category: id.category, measures: id.measures };
}

/** Reasons a registered company's accounts deserve a look, most serious first. */
function registryReasons(e: FlaggedEntity): string[] {
  const reasons: string[] = [];
  if (e.status === 'REVOKED') reasons.push('ENTITY_REVOKED');
  else if (e.status === 'DEREGISTERED') reasons.push('ENTITY_DEREGISTERED');
  else if (e.status === 'OTHER') reasons.push('ENTITY_NOT_ACTIVE');
  if (e.seriousDishonest) reasons.push('SERIOUSLY_DISHONEST');
  if (e.abnormalOperations) reasons.push('ABNORMAL_OPERATIONS');
  return reasons;
}

/** Sorts inclusive change-sequence ranges and merges those that overlap or touch (an import's batches). */
export function mergeRanges(ranges: ReadonlyArray<readonly [string, string]>): Array<[string, string]> {
  const sorted = ranges.map(([a, b]) => [BigInt(a), BigInt(b)] as const).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const out: Array<[bigint, bigint]> = [];
  for (const [from, to] of sorted) {
    const last = out[out.length - 1];
    if (last && from <= last[1] + 1n) last[1] = to > last[1] ? to : last[1];
    else out.push([from, to]);
  }
  return out.map(([a, b]) => [a.toString(), b.toString()]);
}

export function progressOf(job: RescreenJobEntity): RescreenProgress {
  const total = job.keysTotal;
  const done = Math.min(job.keysDone, total);
  const elapsed = job.startedAt ? (job.updatedAt.getTime() - job.startedAt.getTime()) / 1000 : 0;
  const rate = done > 0 && elapsed > 0 ? done / elapsed : null;
  const remaining = total - done;
  return {
    done,
    total,
    percent: total > 0 ? Math.round((done / total) * 1000) / 10 : job.status === 'COMPLETED' ? 100 : 0,
    ratePerSecond: rate === null ? null : Math.round(rate),
    etaSeconds: job.status === 'COMPLETED' ? 0 : rate ? Math.ceil(remaining / rate) : null,
  };
}

/**
 * Review of existing accounts (存量排查): matches the account registry against the negative
 * list and the registry. Full jobs run on demand; an incremental job follows every change of the
 * list (only the changed entries, against all accounts) and sends the opened accounts it finds
 * to second verification. Jobs live in a table and are worked by any instance with the worker
 * on; a job whose worker stops is resumed from its last checkpoint by the next one.
 */
@Injectable()
export class RescreenService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Rescreen');
  readonly owner = randomUUID();
  private readonly worker = new Rerun(
    () => this.work(),
    (e) => this.logger.error({ msg: 'rescreen worker failed', err: e instanceof Error ? e.message : String(e) }),
  );
  private closing = false;
  private timer: NodeJS.Timeout | null = null;
  private pendingEntryIds = new Set<string>();
  private pendingRanges: Array<[string, string]> = [];
  /** Change ranges of imports still running, by import: rescreened together once the import ends. */
  private importing = new Map<string, Array<[string, string]>>();
  private debounce: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: RescreenRepository,
    private readonly secondVerification: SecondVerificationService,
    private readonly reviewItems: ReviewItemsService,
    private readonly blind: BlindIndexService,
    private readonly changes: ChangeFeedService,
    @Inject(NEGATIVE_LIST_PORT) private readonly negativeList: NegativeListPort,
    @Inject(REGISTRY_PORT) private readonly registry: RegistryPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.changes.subscribe(NEGATIVE_LIST_CHANGES_TOPIC, (payload, meta) => {
      // The instance that made the change queues the job; the others would only duplicate it.
      if (meta.origin === 'local') this.onListChange(payload);
    });
  }

  onApplicationBootstrap(): void {
    if (!this.config.RESCREEN_WORKER) return;
    this.timer = setInterval(() => this.kick(), WORKER_POLL_MS);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.timer) clearInterval(this.timer);
    if (this.debounce) {
      clearTimeout(this.debounce);
      await this.flushListChanges().catch(() => undefined);
    }
    await this.worker.stop();
    await this.repo.release(this.owner).catch(() => undefined);
  }

  /** Entries named by a change notice of the negative list (NegativeListChange). */
  private onListChange(payload: Record<string, unknown>): void {
    const action = payload['action'];
    const importId = typeof payload['importId'] === 'string' ? payload['importId'] : null;
    if (action === 'IMPORT_FINISHED' && importId !== null) {
      // An import is one change: its batches are rescreened in one job once it has ended (however
      // it ended), not chunk by chunk against the import's own writes.
      const ranges = this.importing.get(importId);
      this.importing.delete(importId);
      if (!ranges) return;
      this.pendingRanges.push(...ranges);
    } else {
      if (typeof action === 'string' && !MATCHING_ACTIONS.has(action)) return;
      const entryId = payload['entryId'];
      const fromSeq = payload['fromSeq'];
      const toSeq = payload['toSeq'];
      if (typeof entryId === 'string') this.pendingEntryIds.add(entryId);
      else if (typeof fromSeq === 'string' && typeof toSeq === 'string' && /^\d+$/.test(fromSeq) && /^\d+$/.test(toSeq)) {
        if (action === 'IMPORTED' && importId !== null) {
          const ranges = this.importing.get(importId) ?? [];
          ranges.push([fromSeq, toSeq]);
          this.importing.set(importId, mergeRanges(ranges));
          return;
        }
        this.pendingRanges.push([fromSeq, toSeq]);
      } else return;
    }
    // Changes arrive in bursts (several entries in a row, imports ending together): one job per burst.
    this.debounce ??= setTimeout(() => void this.flushListChanges().catch((e: unknown) => this.logger.error({ msg: 'could not queue an incremental rescreen', err: String(e) })), INCREMENTAL_DEBOUNCE_MS);
  }

  /** Queues an incremental job for the entries changed since the last one (tests may call it directly). */
  async flushListChanges(): Promise<RescreenJobEntity | null> {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = null;
    if (this.pendingEntryIds.size === 0 && this.pendingRanges.length === 0) return null;
    const ids = [...this.pendingEntryIds];
    const ranges = mergeRanges(this.pendingRanges);
    this.pendingEntryIds = new Set();
    this.pendingRanges = [];
    return this.enqueue('INCREMENTAL', null, 'NEGATIVE_LIST_CHANGE', 'SYSTEM', ids, ranges.length > 0 ? ranges : null);
  }

  /**
   * A full rescreen. The operator's administrators rescreen every institution's accounts (or
   * one's); a bank's administrator its own.
   */
  async requestFull(p: Principal, institutionId?: string): Promise<RescreenJobEntity> {
    if (!p.roles.includes('ADMIN')) throw new DomainError('FORBIDDEN', 'Only administrators start a rescreen.');
    const scope = isOperatorAdmin(p) ? (institutionId ?? null) : p.institutionId;
    if (!isOperatorAdmin(p) && institutionId !== undefined && institutionId !== p.institutionId) throw new DomainError('FORBIDDEN', 'A bank rescreens its own accounts.');
    return this.enqueue('FULL', scope, 'MANUAL', `${p.kind}:${p.id}`, null, null);
  }

  /** An incremental rescreen for named entries (the operator, e.g. to redo one that failed). */
  async requestIncremental(p: Principal, entryIds: string[]): Promise<RescreenJobEntity> {
    if (!isOperatorAdmin(p)) throw new DomainError('FORBIDDEN', 'Only the platform operator starts an incremental rescreen by hand.');
    return this.enqueue('INCREMENTAL', null, 'MANUAL', `${p.kind}:${p.id}`, entryIds, null);
  }

  private async enqueue(kind: 'FULL' | 'INCREMENTAL', institutionId: string | null, trigger: string, requestedBy: string, entryIds: string[] | null, seqRanges: Array<[string, string]> | null): Promise<RescreenJobEntity> {
    const job = await this.repo.insertJob({ id: randomUUID(), kind, institutionId, trigger, requestedBy, entryIds, seqRanges });
    this.logger.log({ msg: 'rescreen queued', jobId: job.id, kind, trigger, institutionId, entries: entryIds?.length, seqRanges: seqRanges?.length });
    this.kick();
    return job;
  }

  /** Starts the worker loop unless running (it then goes round once more). */
  kick(): void {
    if (!this.config.RESCREEN_WORKER || this.closing) return;
    this.worker.kick();
  }

  /** Waits until the worker has nothing left to do, hits handed to cases included (tests, the demo). */
  async idle(): Promise<void> {
    await this.worker.idle();
    await this.reviewItems.drain();
  }

  private async work(): Promise<void> {
    while (!this.closing) {
      const job = await this.repo.claimNext(this.owner);
      if (!job) break;
      await this.execute(job);
    }
  }

  /**
   * Runs a claimed job from its checkpoint. `maxChunks` stops it early, still RUNNING with its
   * checkpoint (a stand-in for a crash, used by tests of resumption).
   */
  async execute(job: RescreenJobEntity, o: { maxChunks?: number } = {}): Promise<RunOutcome> {
    try {
      return await this.run(job, o);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.logger.error({ msg: 'rescreen failed', jobId: job.id, err: message });
      await this.repo.finish(job.id, this.owner, 'FAILED', message.slice(0, 1000));
      return 'COMPLETED';
    }
  }

  /**
   * Claims the next job for this process and runs at most `maxChunks` of it, then hands its hits
   * to cases (tests, which look at cases right after).
   */
  async runNext(o: { maxChunks?: number } = {}): Promise<{ job: RescreenJobEntity; outcome: RunOutcome } | null> {
    const job = await this.repo.claimNext(this.owner);
    if (!job) return null;
    const outcome = await this.execute(job, o);
    await this.reviewItems.drain();
    return { job, outcome };
  }

  private async run(job: RescreenJobEntity, o: { maxChunks?: number }): Promise<RunOutcome> {
    const chunk = this.config.RESCREEN_CHUNK_KEYS;
    const checkpoint = parseCheckpoint(job.checkpoint);
    let done = checkpoint ? job.keysDone : 0;
    let chunks = 0;
    const started = performance.now();
    const doneAtStart = done;
    let lastLog = started;

    if (!this.negativeList.ready) throw new DomainError('SCREENING_SOURCE_UNAVAILABLE', 'The negative list is not available.');
    const scope: ListedScope | undefined = job.kind === 'INCREMENTAL' ? { entryIds: job.entryIds ?? [], seqRanges: job.seqRanges ?? [] } : undefined;
    const flagged = job.kind === 'FULL' && this.registry.ready ? this.registryProbes(await this.registry.flaggedEntities()) : [];
    const total = (await this.negativeList.activeIdentifierCount(scope)) + flagged.length;
    if (!(await this.repo.renew(job.id, this.owner, { keysTotal: Math.max(total, done), keysDone: done }))) return 'LOST';
    this.logger.log({ msg: 'rescreen started', jobId: job.id, kind: job.kind, total, resumedAt: checkpoint ? done : undefined });

    const record = async (phase: Phase, probes: Probe[], consumed: number, last: { key: string; ref: string }): Promise<RunOutcome | null> => {
      done += consumed;
      const hits = await this.repo.matchChunk(
        job.id,
        this.owner,
        probes,
        { institutionId: job.institutionId, checkpoint: `${phase}|${last.key}|${last.ref}`, keysDone: done },
        (recorded, em) => this.reviewItems.createPending(recorded.map((h) => this.reviewItemOf(job, h)), em).then(() => undefined),
      );
      if (hits === null) return 'LOST';
      // Cases for the hits are opened in the background, so the walk is not held up by them.
      if (hits.length > 0) this.reviewItems.kick();
      // New entries touching opened accounts: those accounts are verified again at once.
      if (job.kind === 'INCREMENTAL') await this.verifyOpened(hits.filter((h) => h.source === 'OPENING'));
      chunks += 1;
      const now = performance.now();
      if (now - lastLog >= LOG_EVERY_MS) {
        lastLog = now;
        const rate = (done - doneAtStart) / ((now - started) / 1000);
        this.logger.log({ msg: 'rescreen progress', jobId: job.id, done, total, ratePerSecond: Math.round(rate), etaSeconds: rate > 0 ? Math.ceil((total - done) / rate) : null });
      }
      if (o.maxChunks !== undefined && chunks >= o.maxChunks) return 'PAUSED';
      return null;
    };

    // Phase NL: the list's identifiers, paged from the database in key order.
    if (!checkpoint || checkpoint.phase === 'NL') {
      let after = checkpoint ? { key: checkpoint.key, entryId: checkpoint.ref } : null;
      for (;;) {
        if (this.closing) return 'PAUSED';
        const page = await this.negativeList.activeIdentifiersAfter(after, chunk, scope);
        if (page.length === 0) break;
        const last = page[page.length - 1]!;
        const stop = await record('NL', page.map(listedProbe).filter((p): p is Probe => p !== null), page.length, { key: last.key, ref: last.entryId });
        if (stop) return stop;
        after = { key: last.key, entryId: last.entryId };
        if (page.length < chunk) break;
      }
    }
    // Phase REG (full jobs): companies the registry flags, sorted in memory (a small share of it).
    const stop = await this.walk('REG', flagged, checkpoint?.phase === 'REG' ? checkpoint : null, chunk, record);
    if (stop) return stop;

    if (!(await this.repo.finish(job.id, this.owner, 'COMPLETED', null))) return 'LOST';
    const seconds = (performance.now() - started) / 1000;
    this.logger.log({ msg: 'rescreen completed', jobId: job.id, kind: job.kind, total, seconds: Math.round(seconds * 10) / 10 });
    return 'COMPLETED';
  }

  /** Walks sorted in-memory probes after the checkpoint, a chunk at a time. */
  private async walk(
    phase: Phase,
    probes: Probe[],
    checkpoint: Checkpoint | null,
    chunk: number,
    record: (phase: Phase, probes: Probe[], consumed: number, last: { key: string; ref: string }) => Promise<RunOutcome | null>,
  ): Promise<RunOutcome | null> {
    let start = 0;
    if (checkpoint) while (start < probes.length && compareKeys(probes[start]!, checkpoint) <= 0) start += 1;
    for (let i = start; i < probes.length; i += chunk) {
      if (this.closing) return 'PAUSED';
      const slice = probes.slice(i, i + chunk);
      const stop = await record(phase, slice, slice.length, slice[slice.length - 1]!);
      if (stop) return stop;
    }
    return null;
  }

  private registryProbes(entities: FlaggedEntity[]): Probe[] {
    const probes: Probe[] = [];
    for (const e of entities) {
      const reasons = registryReasons(e);
      if (reasons.length === 0) continue;
      let uscc: string;
      try {
        uscc = normaliseUscc(e.uscc);
      } catch {
        continue;
      }
      probes.push({ column: 'HOLDER', key: this.blind.of('USCC', uscc), ref: `registry:${uscc}`, matchKind: 'REGISTRY', category: reasons[0]!, measures: reasons });
    }
    return probes.sort(compareKeys);
  }

  private reviewItemOf(job: RescreenJobEntity, h: RecordedHit): NewReviewItem {
    const what = h.matchKind === 'REGISTRY' ? `registry: ${h.measures.join(', ')}` : `negative-list entry ${h.matchRef} (${h.category})`;
    return {
      institutionId: h.institutionId,
      kind: 'RESCREEN_HIT',
      severity: h.matchKind === 'HOLDER' || h.matchKind === 'ACCOUNT' ? 'HIGH' : 'MEDIUM',
      title: `Existing account ${h.bankCode}:${h.accountNumber} matched by ${h.matchKind.toLowerCase()}: ${what}`,
      bankCode: h.bankCode,
      accountNumber: h.accountNumber,
      subjectType: 'ACCOUNT',
      subjectKey: `${h.bankCode}:${h.accountNumber}`,
      subjectMasked: h.holderMasked,
      subjectName: h.holderName,
      findingCodes: [`RESCREEN_${h.matchKind}`],
      sourceRef: `rescreen:${job.id}`,
      details: { jobId: job.id, jobKind: job.kind, matchRef: h.matchRef, matchKind: h.matchKind, category: h.category, measures: h.measures, holderType: h.holderType },
      // The same account and entry found again by a later job is the same item.
      dedupKey: `RESCREEN_HIT:${h.bankCode}:${h.accountNumber}:${h.matchRef}`,
    };
  }

  private async verifyOpened(hits: RecordedHit[]): Promise<void> {
    const byRef = new Map<string, RecordedHit[]>();
    for (const h of hits) byRef.set(h.matchRef, [...(byRef.get(h.matchRef) ?? []), h]);
    for (const [ref, list] of byRef) await this.secondVerification.triggerForAccounts(list, 'NEGATIVE_LIST', ref);
  }

  // ---- reading jobs and reports --------------------------------------------------------------

  /** The operator and regulators see every job; a bank platform-wide jobs and its own. */
  async get(p: Principal, id: string): Promise<RescreenJobEntity> {
    const job = await this.repo.findById(id);
    if (!job || (!seesAllInstitutions(p) && job.institutionId !== null && job.institutionId !== p.institutionId)) {
      throw new DomainError('RESCREEN_JOB_NOT_FOUND', 'No such rescreen job.');
    }
    return job;
  }

  list(p: Principal, q: { status?: RescreenStatus; limit?: number }): Promise<RescreenJobEntity[]> {
    const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
    return this.repo.list({ ...(seesAllInstitutions(p) ? {} : { institutionIds: [null, p.institutionId] }), status: q.status, limit });
  }

  /** Hits the viewer may count: all for the operator and regulators, its own for a bank. */
  async visibleHits(p: Principal, job: RescreenJobEntity): Promise<number> {
    return seesAllInstitutions(p) ? job.hits : this.repo.hitCount(job.id, p.institutionId);
  }

  private async completed(p: Principal, id: string): Promise<RescreenJobEntity> {
    const job = await this.get(p, id);
    if (job.status !== 'COMPLETED') throw new DomainError('RESCREEN_REPORT_NOT_READY', `The job is ${job.status}; reports are served once it has completed.`);
    return job;
  }

  /** Per-institution reports of a completed job; a bank gets its own line only. */
  async reports(p: Principal, id: string): Promise<{ job: RescreenJobEntity; reports: InstitutionReport[] }> {
    const job = await this.completed(p, id);
    const reports = await this.repo.reports(job.id, seesAllInstitutions(p) ? undefined : p.institutionId);
    if (!seesAllInstitutions(p) && reports.length === 0) reports.push({ institutionId: p.institutionId, hits: 0, accounts: 0 });
    return { job, reports };
  }

  private assertMayRead(p: Principal, institutionId: string): void {
    if (!seesAllInstitutions(p) && institutionId !== p.institutionId) throw new DomainError('RESCREEN_JOB_NOT_FOUND', 'No such rescreen report.');
  }

  async hitsPage(p: Principal, id: string, institutionId: string, cursor: string | undefined, limit: number) {
    this.assertMayRead(p, institutionId);
    const job = await this.completed(p, id);
    const after = cursor ? decodeHitCursor(cursor) : undefined;
    const rows = await this.repo.hits({ jobId: job.id, institutionId, after, limit });
    const last = rows[rows.length - 1];
    return { rows, nextCursor: rows.length === limit && last ? encodeHitCursor(last) : null };
  }

  /** Every hit of one institution's report, a page at a time, for a streamed download. */
  async *hitsForDownload(p: Principal, id: string, institutionId: string) {
    this.assertMayRead(p, institutionId);
    const job = await this.completed(p, id);
    let after: { bankCode: string; accountNumber: string; matchRef: string } | undefined;
    for (;;) {
      const rows = await this.repo.hits({ jobId: job.id, institutionId, after, limit: 5000 });
      if (rows.length === 0) return;
      yield rows;
      const last = rows[rows.length - 1]!;
      after = { bankCode: last.bankCode, accountNumber: last.accountNumber, matchRef: last.matchRef };
      if (rows.length < 5000) return;
    }
  }
}

function encodeHitCursor(h: { bankCode: string; accountNumber: string; matchRef: string }): string {
  return Buffer.from(JSON.stringify([h.bankCode, h.accountNumber, h.matchRef]), 'utf8').toString('base64url');
}

function decodeHitCursor(cursor: string): { bankCode: string; accountNumber: string; matchRef: string } {
  try {
    const [bankCode, accountNumber, matchRef] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof bankCode === 'string' && typeof accountNumber === 'string' && typeof matchRef === 'string') return { bankCode, accountNumber, matchRef };
  } catch {
    // fall through
  }
  throw new DomainError('BAD_REQUEST', 'The cursor is not valid.');
}
