import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Listing, RegistryStatus } from '../../domain/registry/registry-record.js';

/**
 * A market entity as last registered. The legal representative's ID is kept only as a blind
 * index (to count the entities one person represents and to check the negative list) and masked.
 * A change first copies the version it supersedes into registry_entity_versions; the current
 * version is this row, with where it came from (last_*).
 */
@Entity('registry_entities')
@Index('ix_registry_entities_legal_rep_status', ['legalRepKey', 'status'])
@Index('ix_registry_entities_address_status', ['addressKey', 'status'])
@Index('ix_registry_entities_name_norm', { synchronize: false })
@Index('ix_registry_entities_former_names_norm', { synchronize: false })
export class RegistryEntityEntity {
  @PrimaryColumn('varchar', { length: 18 })
  uscc!: string;

  @Column('integer')
  version!: number;

  @Column('varchar', { length: 300 })
  name!: string;

  @Column('varchar', { name: 'name_norm', length: 300 })
  nameNorm!: string;

  @Column('varchar', { name: 'former_names', length: 300, array: true })
  formerNames!: string[];

  @Column('varchar', { name: 'former_names_norm', length: 300, array: true })
  formerNamesNorm!: string[];

  @Column('varchar', { name: 'entity_type', length: 100, nullable: true })
  entityType!: string | null;

  @Column('varchar', { name: 'legal_rep_name', length: 200, nullable: true })
  legalRepName!: string | null;

  @Column('varchar', { name: 'legal_rep_id_kind', length: 16, nullable: true })
  legalRepIdKind!: 'RESIDENT_ID' | 'FOREIGN_DOC' | null;

  @Column('varchar', { name: 'legal_rep_key', length: 64, nullable: true })
  legalRepKey!: string | null;

  @Column('varchar', { name: 'legal_rep_id_masked', length: 60, nullable: true })
  legalRepIdMasked!: string | null;

  @Column('bigint', { name: 'registered_capital_fen', nullable: true })
  registeredCapitalFen!: string | null;

  @Column('date', { name: 'established_on', nullable: true })
  establishedOn!: string | null;

  @Column('text', { name: 'registered_address', nullable: true })
  registeredAddress!: string | null;

  @Column('varchar', { name: 'address_key', length: 64, nullable: true })
  addressKey!: string | null;

  @Column('varchar', { length: 16 })
  status!: RegistryStatus;

  @Column('jsonb', { name: 'abnormal_operations', default: () => "'[]'" })
  abnormalOperations!: Listing[];

  @Column('jsonb', { name: 'serious_dishonest', default: () => "'[]'" })
  seriousDishonest!: Listing[];

  @Column('text', { name: 'business_scope', nullable: true })
  businessScope!: string | null;

  @Column('varchar', { name: 'registration_authority', length: 200, nullable: true })
  registrationAuthority!: string | null;

  /** "Updated at" as the registration authority gives it; an older record never overwrites a newer one. */
  @Column('timestamptz', { name: 'source_updated_at', nullable: true })
  sourceUpdatedAt!: Date | null;

  @Column('uuid', { name: 'import_id', nullable: true })
  importId!: string | null;

  @Column('varchar', { name: 'last_source', length: 16 })
  lastSource!: 'IMPORT' | 'FEED';

  @Column('varchar', { name: 'last_actor_type', length: 16 })
  lastActorType!: string;

  @Column('varchar', { name: 'last_actor_id', length: 100 })
  lastActorId!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
