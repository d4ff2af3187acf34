import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const APPEAL_STATUSES = ['OPEN', 'UPHELD', 'REJECTED'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/**
 * A listed person's appeal (申诉): received by a member institution, answered by the contributor
 * or the operator before `deadline_at` (receipt + NEGATIVE_LIST_APPEAL_DAYS). At most one is open
 * per entry (a partial unique index in the migration).
 */
@Entity('negative_list_appeals')
@Index('ix_negative_list_appeals_entry', ['entryId'])
@Index('ix_negative_list_appeals_status_deadline', ['status', 'deadlineAt'])
@Index('ux_negative_list_appeals_open', { synchronize: false })
export class NegativeListAppealEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'entry_id' })
  entryId!: string;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt!: Date;

  @Column('uuid', { name: 'received_by_institution_id' })
  receivedByInstitutionId!: string;

  @Column('varchar', { name: 'recorded_by', length: 100 })
  recordedBy!: string;

  @Column('text')
  grounds!: string;

  @Column('timestamptz', { name: 'deadline_at' })
  deadlineAt!: Date;

  @Column('varchar', { length: 16 })
  status!: AppealStatus;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt!: Date | null;

  @Column('varchar', { name: 'decided_by', length: 100, nullable: true })
  decidedBy!: string | null;

  @Column('uuid', { name: 'decided_by_institution_id', nullable: true })
  decidedByInstitutionId!: string | null;

  @Column('text', { name: 'decision_reason', nullable: true })
  decisionReason!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
