import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Last activity of accounts whose detection window was evicted (idle for a day or more), so
 * that an account waking after half a year is recognised as dormant (DORMANT_REACTIVATED) long
 * after its window is gone.
 */
@Entity('account_activity')
export class AccountActivityEntity {
  @PrimaryColumn('varchar', { name: 'bank_code', length: 32 })
  bankCode!: string;

  @PrimaryColumn('varchar', { name: 'account_number', length: 64 })
  accountNumber!: string;

  @Column('timestamptz', { name: 'last_activity_at' })
  lastActivityAt!: Date;
}
