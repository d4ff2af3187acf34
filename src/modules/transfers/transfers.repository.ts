import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { TransferEventJson } from '../../domain/detection/transfer-event.js';

/** What detection needs to know about an account, from the registry and from past activity. */
export interface AccountFactsRow {
  bankCode: string;
  accountNumber: string;
  institutionId: string | null;
  openedAt: Date | null;
  holderType: 'PERSON' | 'ENTITY' | null;
  holderKey: string | null;
  phoneKey: string | null;
  lastActivityAt: Date | null;
}

/** Durable detection progress of one partition (see transfer-stream-offset.entity.ts). */
export interface StreamProgress {
  partition: number;
  /** next_offset as stored when the batch began; null when the partition had no row. */
  expectedNext: string | null;
  next: string;
  watermarkMs: number;
  checkpoints: Array<[number, string]>;
}

/** Another consumer moved a partition's progress on meanwhile (a zombie after a rebalance). */
export class StaleStreamProgressError extends Error {}

/** A stored transfer event as read back. */
export interface StoredEvent {
  eventId: string;
  partitionNo: number;
  occurredAt: Date;
  body: TransferEventJson;
}

/** An event to store: its body as an object, or already serialised (the Kafka message text, kept instead of the object). */
export type EventToStore = Omit<StoredEvent, 'body' | 'occurredAt'> & { occurredAtMs: number } & ({ body: TransferEventJson; bodyText?: undefined } | { body?: undefined; bodyText: string });

@Injectable()
export class TransfersRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  /**
   * Registry rows and last known activity of these accounts (keys `${bankCode}:${accountNumber}`;
   * a bank code holds no colon), in one query; accounts found in neither are left out. The keys
   * go as one JSON array, which costs less to send than two PostgreSQL arrays.
   */
  async accountFacts(keys: readonly string[]): Promise<AccountFactsRow[]> {
    if (keys.length === 0) return [];
    const rows: Array<{
      bank_code: string;
      account_number: string;
      institution_id: string | null;
      opened_at: Date | null;
      holder_type: 'PERSON' | 'ENTITY' | null;
      holder_key: string | null;
      phone_key: string | null;
      last_activity_at: Date | null;
    }> = await this.ds.query(
      `SELECT k.bank_code, k.account_number, a.institution_id, a.opened_at, a.holder_type, a.holder_key, a.phone_key, t.last_activity_at
         FROM (SELECT split_part(x, ':', 1) AS bank_code, substr(x, strpos(x, ':') + 1) AS account_number
                 FROM json_array_elements_text($1::json) AS x) k
         LEFT JOIN bank_accounts a ON a.bank_code = k.bank_code AND a.account_number = k.account_number
         LEFT JOIN account_activity t ON t.bank_code = k.bank_code AND t.account_number = k.account_number
        WHERE a.bank_code IS NOT NULL OR t.bank_code IS NOT NULL`,
      [JSON.stringify(keys)],
    );
    return rows.map((r) => ({
      bankCode: r.bank_code,
      accountNumber: r.account_number,
      institutionId: r.institution_id,
      openedAt: r.opened_at === null ? null : new Date(r.opened_at),
      holderType: r.holder_type,
      holderKey: r.holder_key,
      phoneKey: r.phone_key,
      lastActivityAt: r.last_activity_at === null ? null : new Date(r.last_activity_at),
    }));
  }

  /** Which of these event ids are stored already. */
  async knownEventIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: Array<{ event_id: string }> = await this.ds.query('SELECT event_id FROM transfer_events WHERE event_id = ANY($1::varchar[])', [ids]);
    return new Set(rows.map((r) => r.event_id));
  }

  /**
   * Stores accepted events; an id stored meanwhile by another writer is skipped. The bodies go as
   * one JSON array (the Kafka texts joined as they came), which spares escaping every body as an
   * element of a PostgreSQL array literal; partitions and times go as plain number arrays. The
   * column is json: each element is stored as the text it came as, never converted.
   */
  async insertEvents(rows: readonly EventToStore[], em: EntityManager): Promise<void> {
    if (rows.length === 0) return;
    const bodies = new Array<string>(rows.length);
    const partitions = new Array<number>(rows.length);
    const times = new Array<number>(rows.length);
    rows.forEach((r, i) => {
      bodies[i] = r.bodyText ?? JSON.stringify(r.body);
      partitions[i] = r.partitionNo;
      times[i] = r.occurredAtMs;
    });
    await em.query(
      `INSERT INTO transfer_events (event_id, partition_no, occurred_at, body)
       SELECT b->>'eventId', p, to_timestamp(t / 1000.0), b
         FROM ROWS FROM (json_array_elements($1::json), unnest($2::smallint[]), unnest($3::float8[])) AS x(b, p, t)
       ON CONFLICT (event_id) DO NOTHING`,
      [`[${bodies.join(',')}]`, partitions, times],
    );
  }

  /** Latest event time stored in any partition (null when none). */
  async latestEventTimeAnywhere(): Promise<Date | null> {
    const rows: Array<{ m: Date | null }> = await this.ds.query('SELECT max(occurred_at) AS m FROM transfer_events');
    return rows[0]?.m ? new Date(rows[0].m) : null;
  }

  /** Latest event time stored for these partitions (null when none). */
  async latestEventTime(partitions: readonly number[]): Promise<Date | null> {
    if (partitions.length === 0) return null;
    const rows: Array<{ m: Date | null }> = await this.ds.query(
      'SELECT max(occurred_at) AS m FROM transfer_events WHERE partition_no = ANY($1::smallint[])',
      [partitions],
    );
    return rows[0]?.m ? new Date(rows[0].m) : null;
  }

  /** Stored events of these partitions from a time on, in event-time order, a page at a time. */
  async eventsSince(
    partitions: readonly number[],
    from: Date,
    after: { occurredAt: Date; eventId: string } | null,
    limit: number,
  ): Promise<StoredEvent[]> {
    const rows: Array<{ event_id: string; partition_no: number; occurred_at: Date; body: TransferEventJson }> = after
      ? await this.ds.query(
          `SELECT event_id, partition_no, occurred_at, body FROM transfer_events
            WHERE partition_no = ANY($1::smallint[]) AND occurred_at >= $2 AND (occurred_at, event_id) > ($3, $4)
            ORDER BY occurred_at, event_id LIMIT $5`,
          [partitions, from, after.occurredAt, after.eventId, limit],
        )
      : await this.ds.query(
          `SELECT event_id, partition_no, occurred_at, body FROM transfer_events
            WHERE partition_no = ANY($1::smallint[]) AND occurred_at >= $2
            ORDER BY occurred_at, event_id LIMIT $3`,
          [partitions, from, limit],
        );
    return rows.map((r) => ({ eventId: r.event_id, partitionNo: r.partition_no, occurredAt: new Date(r.occurred_at), body: r.body }));
  }

  /** Deletes up to `limit` events older than `before`; returns how many. */
  async deleteEventsBefore(before: Date, limit: number): Promise<number> {
    const rows: Array<{ n: string }> = await this.ds.query(
      `WITH gone AS (DELETE FROM transfer_events WHERE event_id IN
         (SELECT event_id FROM transfer_events WHERE occurred_at < $1 LIMIT $2) RETURNING 1)
       SELECT count(*) AS n FROM gone`,
      [before, limit],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Remembers last activity of evicted accounts; never moves a time backwards. */
  async upsertActivity(rows: ReadonlyArray<{ bankCode: string; accountNumber: string; lastActivityAt: Date }>): Promise<void> {
    if (rows.length === 0) return;
    await this.ds.query(
      `INSERT INTO account_activity AS a (bank_code, account_number, last_activity_at)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::timestamptz[])
       ON CONFLICT (bank_code, account_number) DO UPDATE SET last_activity_at = GREATEST(a.last_activity_at, EXCLUDED.last_activity_at)`,
      [rows.map((r) => r.bankCode), rows.map((r) => r.accountNumber), rows.map((r) => r.lastActivityAt)],
    );
  }

  async loadProgress(groupId: string, topic: string, partitions: readonly number[]): Promise<Map<number, StreamProgress>> {
    const rows: Array<{ partition_no: number; next_offset: string; watermark_ms: string; checkpoints: Array<[number, string]> }> = await this.ds.query(
      `SELECT partition_no, next_offset::text AS next_offset, watermark_ms::text AS watermark_ms, checkpoints FROM transfer_stream_offsets
        WHERE group_id = $1 AND topic = $2 AND partition_no = ANY($3::int[])`,
      [groupId, topic, [...partitions]],
    );
    return new Map(rows.map((r) => [r.partition_no, { partition: r.partition_no, expectedNext: r.next_offset, next: r.next_offset, watermarkMs: Number(r.watermark_ms), checkpoints: r.checkpoints }]));
  }

  /**
   * Moves partitions' progress on, only from where this consumer last saw it.
   * @throws StaleStreamProgressError when a row moved meanwhile (the transaction must roll back)
   */
  async saveProgress(groupId: string, topic: string, rows: readonly StreamProgress[], now: Date, em: EntityManager): Promise<void> {
    for (const r of rows) {
      const params = [groupId, topic, r.partition, r.next, r.watermarkMs, JSON.stringify(r.checkpoints), now];
      const done: unknown[] =
        r.expectedNext === null
          ? await em.query(
              `INSERT INTO transfer_stream_offsets (group_id, topic, partition_no, next_offset, watermark_ms, checkpoints, updated_at)
               VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) ON CONFLICT DO NOTHING RETURNING partition_no`,
              params,
            )
          : ((
              await em.query(
                `UPDATE transfer_stream_offsets SET next_offset = $4, watermark_ms = $5, checkpoints = $6::jsonb, updated_at = $7
                  WHERE group_id = $1 AND topic = $2 AND partition_no = $3 AND next_offset = $8 RETURNING partition_no`,
                [...params, r.expectedNext],
              )
            )[0] as unknown[]);
      if (done.length === 0) throw new StaleStreamProgressError(`partition ${r.partition} of ${topic} moved on under another consumer`);
    }
  }

  /** Newest event time any partition's detection has made durable (epoch ms), or null. */
  async latestStreamWatermark(): Promise<number | null> {
    const rows: Array<{ m: string | null }> = await this.ds.query('SELECT max(watermark_ms)::text AS m FROM transfer_stream_offsets');
    return rows[0]?.m ? Number(rows[0].m) : null;
  }
}
