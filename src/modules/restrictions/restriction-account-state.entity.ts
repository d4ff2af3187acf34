import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RestrictionLevel } from '../../domain/restrictions/index.js';

/**
 * The last published effective restriction of an account, so a change is published exactly once
 * whichever instance notices it, and the sweep knows when the clock alone will change it
 * (`next_change_at`). A projection of the orders; the history lives in restriction_effective_changes.
 */
@Entity('restriction_account_states')
@Index('ix_restriction_account_states_next_change', ['nextChangeAt'])
export class RestrictionAccountStateEntity {
  @PrimaryColumn('varchar', { name: 'bank_code', length: 20 })
  bankCode!: string;

  @PrimaryColumn('varchar', { name: 'account_number', length: 40 })
  accountNumber!: string;

  @Column('varchar', { length: 24, nullable: true })
  level!: RestrictionLevel | null;

  @Column('jsonb', { name: 'order_ids' })
  orderIds!: string[];

  @Column('timestamptz', { name: 'next_change_at', nullable: true })
  nextChangeAt!: Date | null;

  /** Number of published changes so far (the sequence of the last one). */
  @Column('integer')
  version!: number;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
