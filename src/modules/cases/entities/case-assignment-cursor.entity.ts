import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where the round-robin stands per institution: who got the last automatically assigned case. */
@Entity('case_assignment_cursors')
export class CaseAssignmentCursorEntity {
  @PrimaryColumn('uuid', { name: 'institution_id' })
  institutionId!: string;

  @Column('uuid', { name: 'last_user_id' })
  lastUserId!: string;

  @Column('varchar', { name: 'last_sort_key', length: 64 })
  lastSortKey!: string;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
