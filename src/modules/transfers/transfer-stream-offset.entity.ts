import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How far the detection of one partition of `transfers` is durable, written in the same
 * transaction as the alerts it produced: a message below `next_offset` has had its effects,
 * so a redelivery only replays it into the windows. `checkpoints` are [hourStartMs, offset]
 * pairs (the first message seen in each hour of event time): after a restart or rebalance the
 * consumer seeks back to the checkpoint one retention span before `watermark_ms` and replays
 * the partition's window from Kafka, the log, without raising anything twice.
 */
@Entity('transfer_stream_offsets')
export class TransferStreamOffsetEntity {
  @PrimaryColumn('varchar', { name: 'group_id', length: 100 })
  groupId!: string;

  @PrimaryColumn('varchar', { length: 100 })
  topic!: string;

  @PrimaryColumn('integer', { name: 'partition_no' })
  partitionNo!: number;

  @Column('bigint', { name: 'next_offset' })
  nextOffset!: string;

  /** Newest event time detected in the partition (epoch ms). */
  @Column('bigint', { name: 'watermark_ms' })
  watermarkMs!: string;

  @Column('jsonb')
  checkpoints!: Array<[number, string]>;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
