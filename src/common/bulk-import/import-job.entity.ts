import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const IMPORT_STATUSES = ['RUNNING', 'COMPLETED', 'FAILED'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const IMPORT_FORMATS = ['CSV', 'NDJSON'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * One streamed bulk load (negative-list entries, registry entities, account loads). Counters are
 * written after every batch, so a caller polling the job sees the load progress while it runs.
 */
@Entity('import_jobs')
@Index('ix_import_jobs_kind_institution_started', ['kind', 'institutionId', 'startedAt'])
export class ImportJobEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('varchar', { length: 32 })
  kind!: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId!: string;

  @Column('varchar', { name: 'actor_type', length: 16 })
  actorType!: string;

  @Column('varchar', { name: 'actor_id', length: 100 })
  actorId!: string;

  @Column('varchar', { length: 8 })
  format!: ImportFormat;

  @Column('varchar', { length: 16 })
  status!: ImportStatus;

  @Column('integer', { name: 'rows_read', default: 0 })
  rowsRead!: number;

  @Column('integer', { name: 'rows_accepted', default: 0 })
  rowsAccepted!: number;

  @Column('integer', { name: 'rows_rejected', default: 0 })
  rowsRejected!: number;

  @Column('integer', { default: 0 })
  inserted!: number;

  @Column('integer', { default: 0 })
  updated!: number;

  @Column('integer', { default: 0 })
  unchanged!: number;

  @Column('text', { nullable: true })
  error!: string | null;

  @Column('timestamptz', { name: 'started_at' })
  startedAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt!: Date | null;
}
