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
 * Stores screenings with group commit: callers await their row, and rows that arrive while a
 * write is in flight go together in the next transaction, with the review items (pending hand-off
 * to cases) of those that ended in REVIEW. Under load this turns hundreds of inserts a second
 * into a few statements.
 */
@Injectable()
export class ScreeningWriter {
  private readonly logger = new Logger('ScreeningWriter');
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;

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
      if (!this.flushing) this.flushing = this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          // Most batches have no REVIEW: one INSERT statement, committed on its own.
          const inserted = batch.some((b) => b.reviewItem !== null)
            ? await this.repo.transaction(async (em) => {
                const ids = await this.repo.insertMany(batch.map((b) => b.row), em);
                const items = batch.filter((b) => b.reviewItem !== null && ids.has(b.row.id)).map((b) => b.reviewItem!);
                // The case work follows after the commit (ScreeningService hands the item off), so
                // it never holds up the other screenings of the batch.
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
    } finally {
      this.flushing = null;
    }
  }

  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }
}
