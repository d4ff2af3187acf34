import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CaseStatus } from '../../../domain/cases/case-status.js';
import type { Severity } from '../../../domain/cases/severity.js';
import type { CaseSubjectAttributes, CaseSubjectType } from '../cases.types.js';

/**
 * A case gathers everything about one subject of one institution that needs a human. At most one
 * case per subject is open at a time (a partial unique index created by the migration), so new
 * items always land on the case someone is already working.
 */
@Entity('cases')
@Index('ux_cases_open_subject', ['institutionId', 'subjectType', 'subjectKey'], { unique: true, where: "status <> 'CLOSED'" })
@Index('ix_cases_queue', ['institutionId', 'status', 'dueAt'])
@Index('ix_cases_assignee', ['assigneeId', 'status'])
@Index('ix_cases_opened', ['openedAt'])
@Index('ix_cases_subject', ['subjectKey'])
export class CaseEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId!: string;

  @Column('varchar', { name: 'subject_type', length: 8 })
  subjectType!: CaseSubjectType;

  @Column('varchar', { name: 'subject_key', length: 100 })
  subjectKey!: string;

  @Column('varchar', { name: 'subject_display', length: 80 })
  subjectDisplay!: string;

  @Column('varchar', { name: 'subject_name', length: 200, nullable: true })
  subjectName!: string | null;

  @Column('jsonb', { name: 'subject_attributes', nullable: true })
  subjectAttributes!: CaseSubjectAttributes | null;

  @Column('varchar', { length: 20 })
  status!: CaseStatus;

  @Column('varchar', { length: 8 })
  priority!: Severity;

  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  @Column('uuid', { name: 'assignee_id', nullable: true })
  assigneeId!: string | null;

  @Column('varchar', { name: 'assignee_name', length: 64, nullable: true })
  assigneeName!: string | null;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  /** Kind of the decision that closed the case last. */
  @Column('varchar', { name: 'resolution', length: 24, nullable: true })
  resolution!: string | null;

  @Column('integer', { name: 'item_count', default: 0 })
  itemCount!: number;

  @Column('timestamptz', { name: 'last_item_at', nullable: true })
  lastItemAt!: Date | null;

  @Column('varchar', { length: 24, array: true, default: () => "'{}'" })
  sources!: string[];

  @Column('varchar', { name: 'finding_codes', length: 64, array: true, default: () => "'{}'" })
  findingCodes!: string[];

  @Column('integer', { name: 'reopen_count', default: 0 })
  reopenCount!: number;
}
