import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An account reported opened through the API, with what second verification needs to screen
 * its holder again: the holder profile (blind indexes, masked identifiers, name, derived
 * attributes; no full ID number) and the screening the bank relied on. The registry row itself
 * is in bank_accounts.
 */
@Entity('account_opening_records')
@Index('ix_account_opening_records_holder', ['holderKey'])
export class AccountOpeningRecordEntity {
  @PrimaryColumn('varchar', { name: 'bank_code', length: 20 })
  bankCode!: string;

  @PrimaryColumn('varchar', { name: 'account_number', length: 40 })
  accountNumber!: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId!: string;

  @Column('varchar', { name: 'holder_key', length: 64 })
  holderKey!: string;

  /** An ApplicantProfile (see screening/applicant-profile.ts). */
  @Column('jsonb')
  profile!: Record<string, unknown>;

  /** Branch, region, channel and class to screen with. */
  @Column('jsonb')
  context!: Record<string, unknown>;

  @Column('uuid', { name: 'screening_id', nullable: true })
  screeningId!: string | null;

  /** The decision of that screening, the baseline a second verification compares with. */
  @Column('varchar', { name: 'screening_decision', length: 8, nullable: true })
  screeningDecision!: string | null;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt!: Date;

  @Column('varchar', { name: 'reported_by', length: 80 })
  reportedBy!: string;

  @Column('timestamptz', { name: 'reported_at' })
  reportedAt!: Date;
}
