import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Append-only history of a registered entity: each superseded version as it stood (the current one is the entity row). */
@Entity('registry_entity_versions')
export class RegistryEntityVersionEntity {
  @PrimaryColumn('varchar', { length: 18 })
  uscc!: string;

  @PrimaryColumn('integer')
  version!: number;

  @Column('varchar', { length: 16 })
  source!: 'IMPORT' | 'FEED';

  @Column('jsonb')
  snapshot!: Record<string, unknown>;

  @Column('timestamptz', { name: 'changed_at' })
  changedAt!: Date;

  @Column('varchar', { name: 'actor_type', length: 16 })
  actorType!: string;

  @Column('varchar', { name: 'actor_id', length: 100 })
  actorId!: string;

  @Column('uuid', { name: 'import_id', nullable: true })
  importId!: string | null;
}
