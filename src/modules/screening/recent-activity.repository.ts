import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ActivityEvent } from '../../domain/screening/index.js';

const PAGE = 20_000;

interface Row {
  key: string;
  kind: 'ACCOUNT' | 'APPLICATION';
  institution_id: string;
  holder_key: string;
  phone_key: string | null;
  device_key: string | null;
  address_key: string | null;
  at_ms: string;
}

/**
 * The openings and applications since an instant, in the form the screening counts read
 * (`ActivityEvent`), exactly what ScreeningsRepository.activity counts: every account of the
 * registry, and the account-opening screenings (second verifications are not applications).
 */
const EVENTS_SQL = `
SELECT 'A:' || bank_code || ':' || account_number AS key, 'ACCOUNT' AS kind, institution_id, holder_key, phone_key, device_key, address_key,
       floor(extract(epoch FROM opened_at) * 1000)::bigint AS at_ms
  FROM bank_accounts WHERE opened_at >= $1
UNION ALL
SELECT 'S:' || id, 'APPLICATION', institution_id, holder_key, phone_key, device_key, address_key, floor(extract(epoch FROM screened_at) * 1000)::bigint
  FROM screenings WHERE screened_at >= $1 AND purpose = 'ACCOUNT_OPENING'`;

@Injectable()
export class RecentActivityRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Streams the events since `since`, a page at a time, through a cursor in one snapshot.
   * `onPage` returning false stops the read (too many to hold).
   */
  async read(since: Date, onPage: (events: ActivityEvent[]) => boolean): Promise<void> {
    const runner = this.ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query(`DECLARE recent_activity NO SCROLL CURSOR FOR ${EVENTS_SQL}`, [since]);
      for (;;) {
        const rows: Row[] = await runner.query(`FETCH ${PAGE} FROM recent_activity`);
        const events = rows.map(
          (r): ActivityEvent => ({
            key: r.key,
            kind: r.kind,
            institutionId: r.institution_id,
            holderKey: r.holder_key,
            phoneKey: r.phone_key,
            deviceKey: r.device_key,
            addressKey: r.address_key,
            at: Number(r.at_ms),
          }),
        );
        if (!onPage(events) || rows.length < PAGE) break;
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
