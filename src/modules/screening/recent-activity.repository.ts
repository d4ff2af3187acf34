import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ActivityEvent } from '../../domain/screening/index.js';
import { RECENT_ACTIVITY_PAGE, RECENT_ACTIVITY_SQL, toActivityEvent, type RecentActivityRow } from './recent-activity.sql.js';

@Injectable()
export class RecentActivityRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Streams the openings and applications since `since` on this thread, a page at a time, through
   * a cursor in one snapshot (the embedded database, whose one session the pool holds; on
   * PostgreSQL the loading thread reads them). `onPage` returning false stops the read.
   */
  async read(since: Date, onPage: (events: ActivityEvent[]) => boolean): Promise<void> {
    const runner = this.ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query(`DECLARE recent_activity NO SCROLL CURSOR FOR ${RECENT_ACTIVITY_SQL}`, [since]);
      for (;;) {
        const rows: RecentActivityRow[] = await runner.query(`FETCH ${RECENT_ACTIVITY_PAGE} FROM recent_activity`);
        if (!onPage(rows.map(toActivityEvent)) || rows.length < RECENT_ACTIVITY_PAGE) break;
      }
      await runner.commitTransaction();
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }
}
