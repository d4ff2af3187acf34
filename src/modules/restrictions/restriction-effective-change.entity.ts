import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RestrictionLevel } from '../../domain/restrictions/index.js';

export const CHANGE_CAUSES = ['ORDER_CREATED', 'ORDER_APPROVED', 'ORDER_LIFTED', 'ORDER_REJECTED', 'ORDER_SUPERSEDED', 'ORDER_EXPIRED', 'ORDER_STARTED', 'ACCOUNT_RECORDED'] as const;
export type ChangeCause = (typeof CHANGE_CAUSES)[number];

/** Each change of an account's effective restriction, in order: what was published and why. */
@Entity('restriction_effective_changes')
@Index('ux_restriction_effective_changes_account_seq', ['bankCode', 'accountNumber', 'seq'], { unique: true })
export class RestrictionEffectiveChangeEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('varchar', { name: 'bank_code', length: 20 })
  bankCode!: string;

  @Column('varchar', { name: 'account_number', length: 40 })
  accountNumber!: string;

  /** The institution holding the account, when known: it receives the webhook. */
  @Column('uuid', { name: 'institution_id', nullable: true })
  institutionId!: string | null;

  @Column('integer')
  seq!: number;

  @Column('varchar', { name: 'previous_level', length: 24, nullable: true })
  previousLevel!: RestrictionLevel | null;

  @Column('varchar', { length: 24, nullable: true })
  level!: RestrictionLevel | null;

  @Column('jsonb', { name: 'order_ids' })
  orderIds!: string[];

  @Column('varchar', { length: 24 })
  cause!: ChangeCause;

  @Column('uuid', { name: 'cause_order_id', nullable: true })
  causeOrderId!: string | null;

  /** When the change took effect (an expiry takes effect at expires_at even if noticed later). */
  @Column('timestamptz', { name: 'effective_at' })
  effectiveAt!: Date;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt!: Date;
}
