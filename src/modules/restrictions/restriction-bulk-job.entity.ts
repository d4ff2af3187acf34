import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * UPLOADING: made without a list; the persons arrive as a streamed CSV/NDJSON upload. AWAITING: the
 * level needs four eyes and a supervisor has not approved the job yet; REJECTED: one refused it.
 */
export const BULK_JOB_STATUSES = ['UPLOADING', 'AWAITING', 'PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'REJECTED'] as const;
export type BulkJobStatus = (typeof BULK_JOB_STATUSES)[number];

/** Applying one basis to a list of persons: progress counters and the order template. */
@Entity('restriction_bulk_jobs')
@Index('ix_restriction_bulk_jobs_institution_created', ['institutionId', 'createdAt'])
@Index('ix_restriction_bulk_jobs_status', ['status'])
export class RestrictionBulkJobEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId!: string;

  @Column('varchar', { name: 'created_by', length: 100 })
  createdBy!: string;

  @Column('varchar', { length: 12 })
  status!: BulkJobStatus;

  /** The order every row gets (level, basis, term), without any person's identifier. */
  @Column('jsonb')
  template!: Record<string, unknown>;

  @Column('integer')
  total!: number;

  @Column('integer')
  processed!: number;

  @Column('integer')
  created!: number;

  @Column('integer')
  existing!: number;

  @Column('integer')
  failed!: number;

  @Column('varchar', { length: 500, nullable: true })
  error!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt!: Date | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
