import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface CapUsageRow {
  day: string;
  accountKey: string;
  transactionId: string;
  amountFen: number;
  countedAt: Date;
}

@Injectable()
export class RestrictionCapUsageRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Batch insert; a transaction already written (by this or another instance) is skipped. */
  async insertMany(rows: CapUsageRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.ds.query(
      `INSERT INTO restriction_cap_usage (day, account_key, transaction_id, amount_fen, counted_at)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::bigint[], $5::timestamptz[])
       ON CONFLICT DO NOTHING`,
      [rows.map((r) => r.day), rows.map((r) => r.accountKey), rows.map((r) => r.transactionId), rows.map((r) => r.amountFen), rows.map((r) => r.countedAt)],
    );
  }

  /** Everything counted on these days, oldest first (the ledger replays it at start-up). */
  async forDays(days: string[]): Promise<CapUsageRow[]> {
    const rows: Array<{ day: string; account_key: string; transaction_id: string; amount_fen: string; counted_at: Date }> = await this.ds.query(
      `SELECT day, account_key, transaction_id, amount_fen, counted_at FROM restriction_cap_usage WHERE day = ANY($1) ORDER BY day, counted_at`,
      [days],
    );
    return rows.map((r) => ({ day: r.day, accountKey: r.account_key, transactionId: r.transaction_id, amountFen: Number(r.amount_fen), countedAt: r.counted_at }));
  }

  /** Drops days the caps no longer need. */
  async deleteBefore(day: string): Promise<void> {
    await this.ds.query('DELETE FROM restriction_cap_usage WHERE day < $1', [day]);
  }
}
