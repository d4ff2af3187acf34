import { Injectable, Logger } from '@nestjs/common';
import { ReviewItemsService, type NewReviewItem } from '../review-items/review-items.service.js';
import type { ScreeningEntity } from './screening.entity.js';
import { ScreeningsRepository } from './screenings.repository.js';

interface Pending {
  row: ScreeningEntity;
  reviewItem: NewReviewItem | null;
  resolve: (inserted: boolean) => void;
  reject: (e: unknown) => void;
}

const MAX_BATCH = 200;
/**
 * Writes in flight at once. A screening never waits for another write's commit to finish before
 * its own starts; PostgreSQL flushes the WAL of concurrent commits together.
 */
const MAX_IN_FLIGHT = 4;

/**
 * Stores screenings with group commit: callers await their row; rows that arrive while every
 * write slot is busy go together in the next transaction, with the review items (pending hand-off
 * to cases) of those that ended in REVIEW. Under load this turns hundreds of inserts a second
 * into a few statements; when idle, a screening is written at once.
 */
@Injectable()
export class ScreeningWriter {
  private readonly logger = new Logger('ScreeningWriter');
  private queue: Pending[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly repo: ScreeningsRepository,
    private readonly reviewItems: ReviewItemsService,
  ) {}

  /**
   * Resolves true when stored, false when a screening with the same institution and request id
   * exists already (nothing is written then, not even the review item).
   */
  write(row: ScreeningEntity, reviewItem: NewReviewItem | null): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ row, reviewItem, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight.size < MAX_IN_FLIGHT && this.queue.length > 0) {
      const write = this.writeBatch(this.queue.splice(0, MAX_BATCH)).finally(() => {
        this.inFlight.delete(write);
        this.pump();
      });
      this.inFlight.add(write);
    }
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    try {
      // Most batches have no REVIEW: one INSERT statement, committed on its own.
      const inserted = batch.some((b) => b.reviewItem !== null)
        ? await this.repo.transaction(async (em) => {
            const ids = await this.repo.insertMany(batch.map((b) => b.row), em);
            const items = batch.filter((b) => b.reviewItem !== null && ids.has(b.row.id)).map((b) => b.reviewItem!);
            // The case work follows after the commit (the hand-off worker), so it never holds up
            // the other screenings of the batch.
            await this.reviewItems.createPending(items, em);
            return ids;
          })
        : await this.repo.insertMany(batch.map((b) => b.row));
      for (const p of batch) p.resolve(inserted.has(p.row.id));
    } catch (err) {
      this.logger.error({ msg: 'screening write failed', rows: batch.length, err: err instanceof Error ? err.message : String(err) });
      for (const p of batch) p.reject(err);
    }
  }

  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}
