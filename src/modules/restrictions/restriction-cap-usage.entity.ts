import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Capped outflows counted under LIMITED_NON_COUNTER, one row per (day, account, transaction), so
 * a restart or another instance reloads today's usage instead of starting the caps from zero.
 */
@Entity('restriction_cap_usage')
export class RestrictionCapUsageEntity {
  /** Shanghai calendar day, YYYY-MM-DD. */
  @PrimaryColumn('varchar', { length: 10 })
  day!: string;

  @PrimaryColumn('varchar', { name: 'account_key', length: 64 })
  accountKey!: string;

  @PrimaryColumn('varchar', { name: 'transaction_id', length: 100 })
  transactionId!: string;

  @Column('bigint', { name: 'amount_fen', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  amountFen!: number;

  @Column('timestamptz', { name: 'counted_at' })
  countedAt!: Date;
}
