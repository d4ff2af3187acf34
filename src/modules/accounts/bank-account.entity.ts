import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const ACCOUNT_HOLDER_TYPES = ['PERSON', 'ENTITY'] as const;
export type AccountHolderType = (typeof ACCOUNT_HOLDER_TYPES)[number];
export const ACCOUNT_SOURCES = ['OPENING', 'LOAD'] as const;
export type AccountSource = (typeof ACCOUNT_SOURCES)[number];

/**
 * The platform's account registry: accounts reported opened through the API and existing
 * accounts loaded in bulk by member banks. Holders are known by a blind index of their ID number
 * or USCC, so person- and entity-level measures reach every account at every bank.
 */
@Entity('bank_accounts')
@Index('ix_bank_accounts_holder', ['holderKey'])
@Index('ix_bank_accounts_institution_opened', ['institutionId', 'openedAt'])
@Index('ix_bank_accounts_phone', ['phoneKey', 'openedAt'])
@Index('ix_bank_accounts_device', ['deviceKey', 'openedAt'])
@Index('ix_bank_accounts_address', ['addressKey', 'openedAt'])
export class BankAccountEntity {
  @PrimaryColumn('varchar', { name: 'bank_code', length: 20 })
  bankCode!: string;

  @PrimaryColumn('varchar', { name: 'account_number', length: 40 })
  accountNumber!: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId!: string;

  @Column('varchar', { name: 'branch_code', length: 20, nullable: true })
  branchCode!: string | null;

  @Column('varchar', { name: 'holder_type', length: 8 })
  holderType!: AccountHolderType;

  /** Blind index of the holder's resident ID / document number or USCC. */
  @Column('varchar', { name: 'holder_key', length: 64 })
  holderKey!: string;

  /** The holder's identifier, masked, for display. */
  @Column('varchar', { name: 'holder_masked', length: 40 })
  holderMasked!: string;

  @Column('varchar', { name: 'holder_name', length: 200, nullable: true })
  holderName!: string | null;

  /** Personal account class I, II or III; null for company accounts. */
  @Column('varchar', { name: 'account_class', length: 3, nullable: true })
  accountClass!: string | null;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt!: Date;

  @Column('varchar', { length: 8 })
  source!: AccountSource;

  @Column('varchar', { name: 'phone_key', length: 64, nullable: true })
  phoneKey!: string | null;

  @Column('varchar', { name: 'device_key', length: 64, nullable: true })
  deviceKey!: string | null;

  @Column('varchar', { name: 'address_key', length: 64, nullable: true })
  addressKey!: string | null;

  @Column('uuid', { name: 'screening_id', nullable: true })
  screeningId!: string | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
