import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An analyst's judgement that a queried subject is not the person of an entry, so the same false
 * hit stops coming back to that institution. `subject_key` identifies the queried subject by the
 * blind index of its strongest identifier (see non-match-subject.ts); `subject_label` is a masked
 * description for lists.
 */
@Entity('negative_list_non_matches')
@Index('ix_negative_list_non_matches_subject', ['subjectKey'])
@Index('ix_negative_list_non_matches_institution', ['institutionId', 'createdAt'])
@Index('ix_negative_list_non_matches_entry', ['entryId'])
export class NegativeListNonMatchEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId!: string;

  @Column('uuid', { name: 'entry_id' })
  entryId!: string;

  @Column('varchar', { name: 'subject_key', length: 100 })
  subjectKey!: string;

  @Column('varchar', { name: 'subject_label', length: 200 })
  subjectLabel!: string;

  @Column('text')
  reason!: string;

  @Column('varchar', { name: 'created_by', length: 100 })
  createdBy!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'ends_at', nullable: true })
  endsAt!: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @Column('varchar', { name: 'revoked_by', length: 100, nullable: true })
  revokedBy!: string | null;

  @Column('text', { name: 'revoke_reason', nullable: true })
  revokeReason!: string | null;
}
