import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const RESCREEN_KINDS = ['FULL', 'INCREMENTAL'] as const;
export type RescreenKind = (typeof RESCREEN_KINDS)[number];

export const RESCREEN_STATUSES = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type RescreenStatus = (typeof RESCREEN_STATUSES)[number];

/**
 * A review of existing accounts (存量排查) against the negative list and the registry. The
 * listed identifiers are walked in key order and checkpointed after every chunk together with
 * that chunk's hits, so a job interrupted by a restart goes on from its checkpoint; only a job
 * that reached the end is COMPLETED, and only then are its reports served.
 */
@Entity('rescreen_jobs')
@Index('ix_rescreen_jobs_status_created', ['status', 'createdAt'])
export class RescreenJobEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('varchar', { length: 12 })
  kind!: RescreenKind;

  @Column('varchar', { length: 12 })
  status!: RescreenStatus;

  /** Only this institution's accounts; null for all. */
  @Column('uuid', { name: 'institution_id', nullable: true })
  institutionId!: string | null;

  /** MANUAL or NEGATIVE_LIST_CHANGE. */
  @Column('varchar', { length: 32 })
  trigger!: string;

  @Column('varchar', { name: 'requested_by', length: 80 })
  requestedBy!: string;

  /** Incremental jobs: the negative-list entries that changed. */
  @Column('jsonb', { name: 'entry_ids', nullable: true })
  entryIds!: string[] | null;

  /** Incremental jobs: inclusive ranges of the list's change sequence (bulk imports). */
  @Column('jsonb', { name: 'seq_ranges', nullable: true })
  seqRanges!: Array<[string, string]> | null;

  @Column('integer', { name: 'keys_total', default: 0 })
  keysTotal!: number;

  @Column('integer', { name: 'keys_done', default: 0 })
  keysDone!: number;

  @Column('integer', { default: 0 })
  hits!: number;

  /** The last (key|ref) processed; the job resumes after it. */
  @Column('varchar', { length: 200, nullable: true })
  checkpoint!: string | null;

  @Column('varchar', { name: 'lease_owner', length: 64, nullable: true })
  leaseOwner!: string | null;

  @Column('timestamptz', { name: 'lease_until', nullable: true })
  leaseUntil!: Date | null;

  @Column('integer', { default: 0 })
  attempts!: number;

  @Column('text', { nullable: true })
  error!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;
}
