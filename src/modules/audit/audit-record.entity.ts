import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One line of the append-only audit log. Each row carries the hash of the row before it, so
 * altering or removing a row breaks the chain at that point.
 */
@Entity('audit_log')
@Index('ix_audit_log_institution_seq', ['institutionId', 'seq'])
export class AuditRecordEntity {
  @PrimaryColumn('bigint')
  seq!: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('varchar', { name: 'actor_type', length: 16 })
  actorType!: string;

  @Column('varchar', { name: 'actor_id', length: 100 })
  actorId!: string;

  @Column('uuid', { name: 'institution_id', nullable: true })
  institutionId!: string | null;

  @Column('varchar', { length: 100 })
  action!: string;

  @Column('varchar', { name: 'subject_type', length: 64 })
  subjectType!: string;

  @Column('varchar', { name: 'subject_id', length: 200, nullable: true })
  subjectId!: string | null;

  @Column('varchar', { name: 'request_id', length: 100, nullable: true })
  requestId!: string | null;

  @Column('varchar', { length: 16 })
  outcome!: string;

  @Column('jsonb', { default: () => "'{}'" })
  details!: Record<string, unknown>;

  @Column('varchar', { name: 'prev_hash', length: 64 })
  prevHash!: string;

  @Column('varchar', { length: 64 })
  hash!: string;
}
