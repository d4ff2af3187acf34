import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TransferEventJson } from '../../domain/detection/transfer-event.js';

/**
 * Transfer events the pipeline accepted, kept for the detection retention span (about a day)
 * and deleted after. Two jobs: an event id seen before is a duplicate even after its window
 * was evicted, and after a restart or a Kafka rebalance the detection windows are rebuilt by
 * replaying these rows (no detector runs during a replay). Written in the same transaction as
 * the alerts the events raised, so state and alerts are durable together.
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

  /** The validated external JSON event. */
  @Column('jsonb')
  body!: TransferEventJson;
}
