import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Severity } from '../../../domain/cases/severity.js';
import type { CaseSource, CaseSubjectType } from '../cases.types.js';

/**
 * One thing that needs a human: a screening in REVIEW, a changed second verification, a rescreen
 * hit, an alert, a referral. Recorded once per (institution, source, source id); a suppressed
 * item is kept (case_id null, queued false) so nothing a source reported is ever lost.
 */
@Entity('case_items')
@Index('ux_case_items_source', ['institutionId', 'source', 'sourceId'], { unique: true })
@Index('ix_case_items_case', ['caseId', 'recordedAt'])
@Index('ix_case_items_recorded', ['recordedAt'])
export class CaseItemEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'case_id', nullable: true })
  caseId!: string | null;

  @Column('uuid', { name: 'institution_id' })
  institutionId!: string;

  @Column('varchar', { length: 24 })
  source!: CaseSource;

  @Column('varchar', { name: 'source_id', length: 100 })
  sourceId!: string;

  @Column('varchar', { name: 'subject_type', length: 8 })
  subjectType!: CaseSubjectType;

  @Column('varchar', { name: 'subject_key', length: 100 })
  subjectKey!: string;

  @Column('varchar', { name: 'subject_display', length: 80 })
  subjectDisplay!: string;

  @Column('varchar', { length: 8 })
  severity!: Severity;

  @Column('varchar', { name: 'finding_codes', length: 64, array: true, default: () => "'{}'" })
  findingCodes!: string[];

  @Column('varchar', { name: 'suppressed_codes', length: 64, array: true, default: () => "'{}'" })
  suppressedCodes!: string[];

  @Column('boolean', { default: true })
  queued!: boolean;

  @Column('varchar', { length: 500 })
  summary!: string;

  @Column('jsonb', { default: () => "'{}'" })
  evidence!: Record<string, unknown>;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt!: Date;
}
