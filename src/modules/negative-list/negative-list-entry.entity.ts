import { Column, Entity, Generated, Index, PrimaryColumn } from 'typeorm';
import type { EntryCategory, EntryMeasure, EntryStatus, FraudType, IdentifierKind, SubjectType, TermBasis } from '../../domain/negative-list/taxonomy.js';
import type { EntryAction } from './negative-list-entry-version.entity.js';

/**
 * The current version of a negative-list entry, with the change that made it (last_*). A change
 * first copies the version it supersedes into negative_list_entry_versions, so history is that
 * append-only table plus this row, and a fresh import writes each row once. `subject_key` is the blind
 * index of the identifier (lookups); `identifier` is the normal form, shown only to roles that may
 * see it and only on request.
 */
@Entity('negative_list_entries')
@Index('ux_negative_list_entries_external_ref', ['contributorInstitutionId', 'externalRef'], { unique: true })
@Index('ix_negative_list_entries_subject_key', ['subjectKey'])
@Index('ix_negative_list_entries_status_expires', ['status', 'expiresAt'])
@Index('ix_negative_list_entries_change_seq', ['changeSeq'])
export class NegativeListEntryEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('integer')
  version!: number;

  /** Grows on every write, across all entries: lets another process catch up on what changed. */
  @Column('bigint', { name: 'change_seq' })
  @Generated('increment')
  changeSeq!: string;

  @Column('varchar', { name: 'external_ref', length: 200, nullable: true })
  externalRef!: string | null;

  @Column('varchar', { name: 'subject_type', length: 16 })
  subjectType!: SubjectType;

  @Column('varchar', { name: 'id_kind', length: 16 })
  idKind!: IdentifierKind;

  @Column('varchar', { name: 'subject_key', length: 64 })
  subjectKey!: string;

  @Column('varchar', { length: 120 })
  identifier!: string;

  @Column('varchar', { name: 'identifier_masked', length: 120 })
  identifierMasked!: string;

  @Column('varchar', { name: 'subject_name', length: 200, nullable: true })
  subjectName!: string | null;

  @Column('date', { name: 'birth_date', nullable: true })
  birthDate!: string | null;

  @Column('varchar', { length: 32 })
  category!: EntryCategory;

  @Column('varchar', { name: 'fraud_type', length: 40 })
  fraudType!: FraudType;

  @Column('text', { name: 'legal_basis' })
  legalBasis!: string;

  @Column('varchar', { name: 'legal_basis_doc_no', length: 100, nullable: true })
  legalBasisDocNo!: string | null;

  @Column('varchar', { name: 'evidence_ref', length: 200, nullable: true })
  evidenceRef!: string | null;

  @Column('varchar', { length: 32, array: true })
  measures!: EntryMeasure[];

  /** The effective-from the contributor gave, before chaining onto an earlier term. */
  @Column('timestamptz', { name: 'requested_from' })
  requestedFrom!: Date;

  @Column('timestamptz', { name: 'effective_from' })
  effectiveFrom!: Date;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt!: Date | null;

  @Column('varchar', { name: 'term_basis', length: 32 })
  termBasis!: TermBasis;

  /** Stored status; read it through deriveStatus, which applies expiry from the clock. */
  @Column('varchar', { length: 16 })
  status!: EntryStatus;

  @Column('text', { name: 'status_reason', nullable: true })
  statusReason!: string | null;

  @Column('uuid', { name: 'contributor_institution_id' })
  contributorInstitutionId!: string;

  @Column('varchar', { name: 'contributor_actor_type', length: 16 })
  contributorActorType!: string;

  @Column('varchar', { name: 'contributor_actor_id', length: 100 })
  contributorActorId!: string;

  @Column('uuid', { name: 'import_id', nullable: true })
  importId!: string | null;

  @Column('varchar', { name: 'last_action', length: 32 })
  lastAction!: EntryAction;

  @Column('varchar', { name: 'last_actor_type', length: 16 })
  lastActorType!: string;

  @Column('varchar', { name: 'last_actor_id', length: 100 })
  lastActorId!: string;

  @Column('uuid', { name: 'last_actor_institution_id', nullable: true })
  lastActorInstitutionId!: string | null;

  @Column('text', { name: 'last_reason', nullable: true })
  lastReason!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  /** When the current version was made. */
  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
