import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DecisionKind, DecisionStatus } from '../../../domain/cases/decision-policy.js';

/**
 * A decision on a case. Those that need four eyes wait in PENDING_APPROVAL; APPLYING marks the
 * moment an effect (an order, a list entry) is being created, so two approvals cannot both apply.
 */
@Entity('case_decisions')
@Index('ix_case_decisions_case', ['caseId', 'decidedAt'])
@Index('ix_case_decisions_institution', ['institutionId', 'decidedAt'])
export class CaseDecisionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId!: string;

  @Column('varchar', { length: 24 })
  kind!: DecisionKind;

  @Column('varchar', { length: 20 })
  status!: DecisionStatus;

  @Column('boolean', { name: 'needs_approval' })
  needsApproval!: boolean;

  /** Kind-specific parameters: level and term, list category, suppression ... */
  @Column('jsonb', { default: () => "'{}'" })
  params!: Record<string, unknown>;

  @Column('text')
  reason!: string;

  @Column('uuid', { name: 'decided_by' })
  decidedBy!: string;

  @Column('varchar', { name: 'decided_by_name', length: 100 })
  decidedByName!: string;

  @Column('timestamptz', { name: 'decided_at' })
  decidedAt!: Date;

  @Column('uuid', { name: 'reviewed_by', nullable: true })
  reviewedBy!: string | null;

  @Column('varchar', { name: 'reviewed_by_name', length: 100, nullable: true })
  reviewedByName!: string | null;

  @Column('timestamptz', { name: 'reviewed_at', nullable: true })
  reviewedAt!: Date | null;

  @Column('text', { name: 'review_comment', nullable: true })
  reviewComment!: string | null;

  /** What the decision produced: order ids, entry id, package id, suppression ids, or the error. */
  @Column('jsonb', { default: () => "'{}'" })
  outcome!: Record<string, unknown>;

  @Column('timestamptz', { name: 'applied_at', nullable: true })
  appliedAt!: Date | null;
}
