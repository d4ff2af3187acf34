import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('idempotency_records')
export class IdempotencyRecordEntity {
  /** Who sent the request (institution and principal) and the route: keys are scoped to it. */
  @PrimaryColumn('varchar', { length: 300 })
  scope!: string;

  @PrimaryColumn('varchar', { name: 'idempotency_key', length: 200 })
  key!: string;

  @Column('varchar', { name: 'request_hash', length: 64 })
  requestHash!: string;

  @Column('integer', { name: 'status_code', nullable: true })
  statusCode!: number | null;

  @Column('jsonb', { name: 'response_body', nullable: true })
  responseBody!: unknown;

  @Index('ix_idempotency_records_created_at')
  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;
}
