import { Injectable } from '@nestjs/common';
import { BatchPump } from '../../common/background/batch-pump.js';
import { ScreeningsRepository, type Activity, type ActivityQuery } from './screenings.repository.js';

/** Queries in flight at once: PostgreSQL works on as many as it has cores for. */
const MAX_IN_FLIGHT = 2;
const MAX_BATCH = 100;

/**
 * Gathers the counts of screenings that arrive together into one statement. An idle batcher
 * sends a lone screening within the event loop's turn; under load, the screenings of one turn,
 * and those that arrive while queries are in flight, go together in the next one, so the
 * database sees a round trip per batch, not per applicant.
 */
@Injectable()
export class ActivityBatcher {
  private readonly pump: BatchPump<ActivityQuery, Activity>;

  constructor(repo: ScreeningsRepository) {
    this.pump = new BatchPump((queries) => repo.activity(queries), MAX_IN_FLIGHT, MAX_BATCH);
  }

  activity(query: ActivityQuery): Promise<Activity> {
    return this.pump.call(query);
  }
}
