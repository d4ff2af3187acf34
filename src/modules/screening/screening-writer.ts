import { Injectable, Logger } from '@nestjs/common';
import { BatchPump } from '../../common/background/batch-pump.js';
import { ReviewItemsService, type NewReviewItem } from '../review-items/review-items.service.js';
import type { ScreeningEntity } from './screening.entity.js';
import { RecentActivityService } from './recent-activity.service.js';
import { ScreeningsRepository } from './screenings.repository.js';

interface Pending {
  row: ScreeningEntity;
  reviewItem: NewReviewItem | null;
}

const MAX_BATCH = 200;
/**
 * Writes in flight at once. A screening never waits for another write's commit to finish before
 * its own starts; PostgreSQL flushes the WAL of concurrent commits together.
 */
const MAX_IN_FLIGHT = 4;

/**
 * Stores screenings with group commit: callers await their row; rows that arrive while every
 * write slot is busy go together in the next statement, with the review items (pending hand-off
 * to cases) of those that ended in REVIEW. Under load this turns hundreds of inserts a second
 * into a few statements; when idle, a screening is written within the event loop's turn.
 */
@Injectable()
export class ScreeningWriter {
  private readonly logger = new Logger('ScreeningWriter');
  private readonly pump: BatchPump<Pending, boolean>;

  constructor(
    private readonly repo: ScreeningsRepository,
    private readonly reviewItems: ReviewItemsService,
    private readonly recent: RecentActivityService,
  ) {
    this.pump = new BatchPump((batch) => this.writeBatch(batch), MAX_IN_FLIGHT, MAX_BATCH);
  }

  /**
   * Resolves true when stored, false when a screening with the same institution and request id
   * exists already (nothing is written then, not even the review item).
   */
  write(row: ScreeningEntity, reviewItem: NewReviewItem | null): Promise<boolean> {
    return this.pump.call({ row, reviewItem });
  }

  private async writeBatch(batch: Pending[]): Promise<boolean[]> {
    try {
      // The batch's review items (pending hand-off to cases) go in with it, in the same
      // statement; the case work follows after it (the hand-off worker), so it never holds up
      // the other screenings of the batch.
      const items = batch.filter((b) => b.reviewItem !== null).map((b) => b.reviewItem!);
      const inserted = await this.repo.insertMany(
        batch.map((b) => b.row),
        items.length > 0 ? { name: 'review_items_v1', part: (param, insertedIds) => this.reviewItems.pendingForScreenings(items, param, insertedIds) } : undefined,
      );
      // Counted by the next screenings from here on, in this instance and (shortly) the others.
      this.recent.recordApplications(batch.filter((b) => inserted.has(b.row.id)).map((b) => b.row));
      return batch.map((b) => inserted.has(b.row.id));
    } catch (err) {
      this.logger.error({ msg: 'screening write failed', rows: batch.length, err: err instanceof Error ? err.message : String(err) });
      throw err;
    }
  }
}
