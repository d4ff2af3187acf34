import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { FindingKind } from '../cases.types.js';

/**
 * Feedback to rules and detectors: one row per finding code of a case each time a decision on the
 * case takes effect. Reopening a case marks its rows not current, so a reconsidered case counts
 * once, with its latest outcome.
 */
@Entity('case_dispositions')
@Index('ix_case_dispositions_decided', ['decidedAt'])
@Index('ix_case_dispositions_institution', ['institutionId', 'decidedAt'])
@Index('ix_case_dispositions_case', ['caseId'])
export class CaseDispositionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId!: string;

  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @Column('uuid', { name: 'decision_id' })
  decisionId!: string;

  @Column('varchar', { name: 'finding_code', length: 64 })
  findingCode!: string;

  @Column('varchar', { name: 'finding_kind', length: 8 })
  findingKind!: FindingKind;

  @Column('varchar', { length: 24 })
  disposition!: string;

  @Column('timestamptz', { name: 'decided_at' })
  decidedAt!: Date;

  @Column('boolean', { default: true })
  current!: boolean;
}
