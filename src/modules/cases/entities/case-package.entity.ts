import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A case package for the police: a frozen JSON export of the subject, items, evidence and
 * timeline at the moment of the REPORT_TO_POLICE decision, with its SHA-256 so a copy handed over
 * can be checked against the original.
 */
@Entity('case_packages')
@Index('ix_case_packages_case', ['caseId'])
export class CasePackageEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId!: string;

  @Column('uuid', { name: 'decision_id' })
  decisionId!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('uuid', { name: 'created_by' })
  createdBy!: string;

  @Column('varchar', { length: 64 })
  sha256!: string;

  @Column('jsonb')
  content!: Record<string, unknown>;
}
