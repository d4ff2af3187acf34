import { Injectable } from '@nestjs/common';
import { ScreeningsRepository, type Activity, type ActivityQuery } from './screenings.repository.js';

interface Waiting {
  query: ActivityQuery;
  resolve: (a: Activity) => void;
  reject: (e: unknown) => void;
}

/** Queries in flight at once: PostgreSQL works on as many as it has cores for. */
const MAX_IN_FLIGHT = 2;
const MAX_BATCH = 100;

/**
 * Gathers the counts of screenings that arrive together into one statement. An idle batcher
 * sends a lone screening at once; under load, screenings that arrive while queries are in flight
 * go together in the next one, so the database sees a round trip per batch, not per applicant.
 */
@Injectable()
export class ActivityBatcher {
  private queue: Waiting[] = [];
  private inFlight = 0;

  constructor(private readonly repo: ScreeningsRepository) {}

  activity(query: ActivityQuery): Promise<Activity> {
    return new Promise<Activity>((resolve, reject) => {
      this.queue.push({ query, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight += 1;
      this.repo
        .activity(batch.map((w) => w.query))
        .then(
          (results) => batch.forEach((w, i) => w.resolve(results[i]!)),
          (e: unknown) => batch.forEach((w) => w.reject(e)),
        )
        .finally(() => {
          this.inFlight -= 1;
          this.pump();
        });
    }
  }
}
