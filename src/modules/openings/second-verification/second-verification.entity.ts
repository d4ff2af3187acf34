import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const SECOND_VERIFICATION_TRIGGERS = ['SCHEDULED', 'NEGATIVE_LIST', 'ALERT', 'MANUAL'] as const;
export type SecondVerificationTrigger = (typeof SECOND_VERIFICATION_TRIGGERS)[number];

export const SECOND_VERIFICATION_STATUSES = ['PENDING', 'RUNNING', 'DONE', 'FAILED'] as const;
export type SecondVerificationStatus = (typeof SECOND_VERIFICATION_STATUSES)[number];

/**
 * One second verification (二次核验) of an opened account: scheduled a configurable time after
 * opening, or at once when a new list entry or a high-severity alert touches the holder. The
 * holder is screened again with current facts; a decision different from the baseline (the
 * last verification's, else the opening screening's, else PASS) opens a review item.
 */
@Entity('second_verifications')
@Index('ix_second_verifications_due', ['status', 'dueAt'])
@Index('ix_second_verifications_account', ['bankCode', 'accountNumber', 'createdAt'])
export class SecondVerificationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('varchar', { name: 'bank_code', length: 20 })
  bankCode!: string;

  @Column('varchar', { name: 'account_number', length: 40 })
  accountNumber!: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId!: string;

  @Column('varchar', { length: 16 })
  trigger!: SecondVerificationTrigger;

  /** What triggered it: a negative-list entry id, an alert id. */
  @Column('varchar', { name: 'trigger_ref', length: 80, nullable: true })
  triggerRef!: string | null;

  @Column('varchar', { length: 8 })
  status!: SecondVerificationStatus;

  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  /** A claimed run that outlives this is taken over (the worker stopped). */
  @Column('timestamptz', { name: 'claimed_until', nullable: true })
  claimedUntil!: Date | null;

  @Column('integer', { default: 0 })
  attempts!: number;

  @Column('varchar', { name: 'baseline_decision', length: 8, nullable: true })
  baselineDecision!: string | null;

  @Column('uuid', { name: 'screening_id', nullable: true })
  screeningId!: string | null;

  @Column('varchar', { length: 8, nullable: true })
  decision!: string | null;

  @Column('boolean', { nullable: true })
  changed!: boolean | null;

  @Column('uuid', { name: 'review_item_id', nullable: true })
  reviewItemId!: string | null;

  @Column('text', { nullable: true })
  error!: string | null;

  /** One scheduled verification per account; one per trigger and account otherwise. */
  @Index('ux_second_verifications_dedup', { unique: true })
  @Column('varchar', { name: 'dedup_key', length: 200 })
  dedupKey!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;
}
