import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TransferEventJson } from '../../domain/detection/transfer-event.js';

/**
 * Transfer events the pipeline accepted, kept for about two days of event time and deleted
 * after. On the in-process HTTP path (no Kafka) this table is the log: an event id seen before
 * is a duplicate even after its window was evicted, rows are written in the same transaction
 * as the alerts they raised, and after a restart the windows are rebuilt by replaying them. On
 * the Kafka path, Kafka is the log and the rows are an archive written after the fact (the
 * evidence behind alerts, for case work).
 */
@Entity('transfer_events')
@Index('ix_transfer_events_partition_time', ['partitionNo', 'occurredAt'])
@Index('ix_transfer_events_time', ['occurredAt'])
export class TransferEventEntity {
  @PrimaryColumn('varchar', { name: 'event_id', length: 128 })
  eventId!: string;

  /** Kafka partition of `transfers` the event came from; -1 for the in-process HTTP path. */
  @Column('smallint', { name: 'partition_no' })
  partitionNo!: number;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  /** The validated external JSON event (json, not jsonb: written often, read rarely). */
  @Column('json')
  body!: TransferEventJson;
}
