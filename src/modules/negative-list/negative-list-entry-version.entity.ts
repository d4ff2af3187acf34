import { Column, Entity, PrimaryColumn } from 'typeorm';

export const ENTRY_ACTIONS = ['CREATED', 'AMENDED', 'IMPORTED', 'REVOKED', 'EXPIRED', 'APPEAL_OPENED', 'APPEAL_REJECTED', 'APPEAL_UPHELD'] as const;
export type EntryAction = (typeof ENTRY_ACTIONS)[number];

/**
 * Append-only history of an entry: one row per superseded version, never updated or deleted
 * (the current version is the entry row itself). The snapshot is the entry as that version left
 * it, without the full identifier (which never changes and is kept once, on the entry).
 */
@Entity('negative_list_entry_versions')
export class NegativeListEntryVersionEntity {
  @PrimaryColumn('uuid', { name: 'entry_id' })
  entryId!: string;

  @PrimaryColumn('integer')
  version!: number;

  @Column('varchar', { length: 32 })
  action!: EntryAction;

  @Column('jsonb')
  snapshot!: Record<string, unknown>;

  @Column('timestamptz', { name: 'changed_at' })
  changedAt!: Date;

  @Column('varchar', { name: 'actor_type', length: 16 })
  actorType!: string;

  @Column('varchar', { name: 'actor_id', length: 100 })
  actorId!: string;

  @Column('uuid', { name: 'institution_id', nullable: true })
  institutionId!: string | null;

  @Column('text', { nullable: true })
  reason!: string | null;
}
