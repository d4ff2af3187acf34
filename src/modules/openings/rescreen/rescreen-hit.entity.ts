import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An existing account that matched during a rescreen: which account, through which identifier
 * (holder, phone, device, account, registry status) and what it matched, as it stood when the
 * job ran. A bank's report is its own rows; another institution's accounts never appear.
 */
@Entity('rescreen_hits')
@Index('ix_rescreen_hits_job_institution', ['jobId', 'institutionId'])
export class RescreenHitEntity {
  @PrimaryColumn('uuid', { name: 'job_id' })
  jobId!: string;

  @PrimaryColumn('varchar', { name: 'bank_code', length: 20 })
  bankCode!: string;

  @PrimaryColumn('varchar', { name: 'account_number', length: 40 })
  accountNumber!: string;

  /** The negative-list entry id, or 'registry:<status>' for a registry finding. */
  @PrimaryColumn('varchar', { name: 'match_ref', length: 80 })
  matchRef!: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId!: string;

  /** HOLDER, PHONE, DEVICE, ACCOUNT or REGISTRY. */
  @Column('varchar', { name: 'match_kind', length: 12 })
  matchKind!: string;

  @Column('varchar', { length: 40 })
  category!: string;

  @Column('varchar', { length: 32, array: true })
  measures!: string[];

  @Column('varchar', { name: 'holder_key', length: 64 })
  holderKey!: string;

  @Column('varchar', { name: 'holder_type', length: 8 })
  holderType!: string;

  @Column('varchar', { name: 'holder_masked', length: 40 })
  holderMasked!: string;

  @Column('varchar', { name: 'holder_name', length: 200, nullable: true })
  holderName!: string | null;

  @Column('varchar', { name: 'account_class', length: 3, nullable: true })
  accountClass!: string | null;

  @Column('varchar', { name: 'branch_code', length: 20, nullable: true })
  branchCode!: string | null;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt!: Date;

  @Column('varchar', { length: 8 })
  source!: string;
}
