import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { seesAllInstitutions, type Principal } from '../../common/http/principal.js';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { DomainError } from '../../domain/domain-error.js';
import type { ReviewItemEntity, ReviewItemKind, ReviewItemSeverity, ReviewItemStatus, ReviewSubjectType } from './review-item.entity.js';
import { ReviewItemsRepository } from './review-items.repository.js';
import { CasesService } from '../cases/cases.service.js';
import { caseItemFromReviewItem } from '../cases/review-item-source.js';
import { Rerun } from '../../common/background/rerun.js';

/** Items handed to cases per transaction. */
const HANDOFF_BATCH = 200;
/** How often the worker looks for items a crash left pending. */
const HANDOFF_SWEEP_MS = 10_000;
/**
 * How long a kick waits before the hand-off starts, so that the items of a busy moment (a
 * screening in REVIEW every few milliseconds) go to cases in one round, not one round each.
 */
const HANDOFF_GATHER_MS = 100;

export interface NewReviewItem {
  /** Given by a caller that hands the item off itself after its transaction. */
  id?: string;
  institutionId: string;
  kind: ReviewItemKind;
  severity: ReviewItemSeverity;
  title: string;
  screeningId?: string | null;
  bankCode?: string | null;
  accountNumber?: string | null;
  subjectType: ReviewSubjectType;
  subjectKey: string;
  subjectMasked?: string | null;
  subjectName?: string | null;
  findingCodes: string[];
  sourceRef?: string | null;
  details: Record<string, unknown>;
  /** Items with the same key are one item: a repeat is ignored. */
  dedupKey: string;
}

export interface ReviewItemListQuery {
  institutionId?: string;
  kind?: ReviewItemKind;
  status?: ReviewItemStatus;
  screeningId?: string;
  cursor?: string;
  limit?: number;
}

export interface ReviewItemPage {
  items: ReviewItemEntity[];
  nextCursor: string | null;
}

function encodeCursor(item: ReviewItemEntity): string {
  return Buffer.from(`${item.createdAt.toISOString()}|${item.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime())) throw new DomainError('BAD_REQUEST', 'The cursor is not valid.');
  return { createdAt, id };
}

/**
 * The store of things for compliance staff to review. Other modules create items (in their own
 * transaction when they pass one); staff list them, a bank only its own.
 */
@Injectable()
export class ReviewItemsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReviewItems');
  private readonly worker = new Rerun(
    () => this.handOff(),
    (e) => this.logger.warn({ msg: 'review-item hand-off failed; the worker retries', err: e instanceof Error ? e.message : String(e) }),
  );
  private timer: NodeJS.Timeout | null = null;
  private gathering: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: ReviewItemsRepository,
    private readonly cases: CasesService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private rows(items: NewReviewItem[], handedOffAt: Date | null): ReviewItemEntity[] {
    const now = this.clock.now();
    return items.map((i) => ({
      id: i.id ?? randomUUID(),
      institutionId: i.institutionId,
      kind: i.kind,
      status: 'OPEN',
      severity: i.severity,
      title: i.title.slice(0, 300),
      screeningId: i.screeningId ?? null,
      bankCode: i.bankCode ?? null,
      accountNumber: i.accountNumber ?? null,
      subjectType: i.subjectType,
      subjectKey: i.subjectKey,
      subjectMasked: i.subjectMasked ?? null,
      subjectName: i.subjectName ?? null,
      findingCodes: i.findingCodes,
      sourceRef: i.sourceRef ?? null,
      details: i.details,
      dedupKey: i.dedupKey,
      createdAt: now,
      handedOffAt,
    }));
  }

  /** Creates the items that do not exist yet and hands them to compliance cases; returns the ids created. */
  async create(items: NewReviewItem[], em?: EntityManager): Promise<string[]> {
    if (items.length === 0) return [];
    const rows = this.rows(items, this.clock.now());
    const ids = await this.repo.insertMany(rows, em);
    const created = new Set(ids);
    await this.cases.attachItems(rows.filter((r) => created.has(r.id)).map(caseItemFromReviewItem), em);
    return ids;
  }

  /**
   * Creates the items that do not exist yet, to be handed to cases after the caller's
   * transaction (handOff) or by the hand-off worker: for bulk writers and hot paths, where the
   * case work must not sit inside the caller's transaction. Returns the ids created.
   */
  async createPending(items: NewReviewItem[], em?: EntityManager): Promise<string[]> {
    if (items.length === 0) return [];
    const ids = await this.repo.insertMany(this.rows(items, null), em);
    if (ids.length > 0 && em === undefined) this.kick();
    return ids;
  }

  /**
   * createPending's insert as part of a screening writer's own statement (see the repository's
   * insertForScreenings): the items of the screenings that statement inserts, pending hand-off.
   * The caller kicks the hand-off after it.
   */
  pendingForScreenings(items: NewReviewItem[], param: string, screeningIds: string): { sql: string; value: string } {
    return this.repo.insertForScreenings(this.rows(items, null), param, screeningIds);
  }

  /**
   * Hands pending items to compliance cases, each batch in one transaction with its mark: the
   * named items (a caller finishing its own work), or every pending one. Returns how many.
   */
  async handOff(ids?: readonly string[]): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = ids ? [...ids].slice(total, total + HANDOFF_BATCH) : undefined;
      if (ids && batch!.length === 0) break;
      // Shutting down: the batch in hand is finished, the rest stays pending for the next start.
      if (!ids && this.worker.stopping) break;
      const n = await this.repo.transaction(async (em) => {
        const rows = await this.repo.claimPending(em, { ids: batch, limit: HANDOFF_BATCH });
        if (rows.length === 0) return 0;
        await this.cases.attachItems(rows.map(caseItemFromReviewItem), em);
        await this.repo.markHandedOff(em, rows.map((r) => r.id), this.clock.now());
        return rows.length;
      });
      // The cases' audit records are written after the commit; the round ends with them.
      await this.cases.auditsWritten();
      if (!ids && n === 0) break;
      total += ids ? batch!.length : n;
    }
    return total;
  }

  /**
   * Starts a background hand-off of pending items shortly (HANDOFF_GATHER_MS), with whatever else
   * arrives meanwhile; when one runs already, it goes round once more after it ends, so an item
   * committed just as a round found nothing waits for no sweep.
   */
  kick(): void {
    if (this.gathering || this.worker.stopping) return;
    this.gathering = setTimeout(() => {
      this.gathering = null;
      this.worker.kick();
    }, HANDOFF_GATHER_MS);
  }

  /** Waits for the background hand-off, then hands off what is still pending (tests, jobs). */
  async drain(): Promise<void> {
    await this.worker.idle();
    await this.handOff();
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), HANDOFF_SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.gathering) clearTimeout(this.gathering);
    this.gathering = null;
    await this.worker.stop();
  }

  findByDedupKey(dedupKey: string): Promise<ReviewItemEntity | null> {
    return this.repo.findByDedupKey(dedupKey);
  }

  async list(p: Principal, q: ReviewItemListQuery): Promise<ReviewItemPage> {
    const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
    const institutionId = seesAllInstitutions(p) ? q.institutionId : p.institutionId;
    const items = await this.repo.list({
      institutionId,
      kind: q.kind,
      status: q.status,
      screeningId: q.screeningId,
      before: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit,
    });
    return { items, nextCursor: items.length === limit ? encodeCursor(items[items.length - 1]!) : null };
  }

  /** Not found and not visible read the same. */
  async get(p: Principal, id: string): Promise<ReviewItemEntity> {
    const item = await this.repo.findById(id);
    if (!item || (!seesAllInstitutions(p) && item.institutionId !== p.institutionId)) {
      throw new DomainError('REVIEW_ITEM_NOT_FOUND', 'No such review item.');
    }
    return item;
  }
}
