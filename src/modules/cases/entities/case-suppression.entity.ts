import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CaseSubjectType, FindingKind } from '../cases.types.js';

/**
 * "This rule (or detector) on this subject is a known false positive until then": items it
 * covers are recorded but not queued. Revocable; never deleted.
 */
@Entity('case_suppressions')
@Index('ix_case_suppressions_subject', ['institutionId', 'subjectType', 'subjectKey'])
@Index('ix_case_suppressions_created', ['institutionId', 'createdAt'])
export class CaseSuppressionEntity {
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

  @Column('varchar', { name: 'finding_code', length: 64 })
  findingCode!: string;

  @Column('varchar', { name: 'finding_kind', length: 8 })
  findingKind!: FindingKind;

  @Column('text')
  reason!: string;

  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @Column('uuid', { name: 'decision_id' })
  decisionId!: string;

  @Column('uuid', { name: 'created_by' })
  createdBy!: string;

  @Column('varchar', { name: 'created_by_name', length: 100 })
  createdByName!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @Column('uuid', { name: 'revoked_by', nullable: true })
  revokedBy!: string | null;

  @Column('text', { name: 'revoke_reason', nullable: true })
  revokeReason!: string | null;

  @Column('integer', { name: 'hit_count', default: 0 })
  hitCount!: number;

  @Column('timestamptz', { name: 'last_hit_at', nullable: true })
  lastHitAt!: Date | null;
}
