import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OrderStatus, OrderTarget, RestrictionMeasure } from '../../domain/restrictions/index.js';

export const BASIS_TYPES = ['ALERT', 'CASE', 'NEGATIVE_LIST_ENTRY', 'POLICE_ORDER', 'JOINT_PUNISHMENT'] as const;
export type BasisType = (typeof BASIS_TYPES)[number];

export const TERM_SOURCES = ['EXPLICIT', 'JOINT_PUNISHMENT', 'STOP_PAYMENT', 'BASIS', 'POLICY'] as const;
export type TermSource = (typeof TERM_SOURCES)[number];

export const ACTOR_TYPES = ['USER', 'API_KEY', 'SYSTEM'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

const bigintNumber = {
  to: (v: number | null | undefined): number | null | undefined => v,
  from: (v: string | null): number | null => (v === null ? null : Number(v)),
};

/**
 * A restriction order. What it orders (target, level, basis, term, issuer) is fixed when it is
 * made; only `status` and the approval/supersession links move, and each move is a row in
 * restriction_order_events (the order's history). `status` mirrors the latest event, so reads
 * and indexes need no replay.
 */
@Entity('restriction_orders')
@Index('ix_restriction_orders_account', ['bankCode', 'accountNumber'])
@Index('ix_restriction_orders_holder', ['holderKey'])
@Index('ix_restriction_orders_status_expires', ['status', 'expiresAt'])
@Index('ix_restriction_orders_basis', ['basisType', 'basisRef'])
@Index('ix_restriction_orders_issuer_created', ['issuerInstitutionId', 'createdAt'])
@Index('ix_restriction_orders_account_inst_created', ['accountInstitutionId', 'createdAt'])
@Index('ix_restriction_orders_created', ['createdAt', 'id'])
@Index('ux_restriction_orders_dedup', ['dedupKey'], { unique: true })
export class RestrictionOrderEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('varchar', { name: 'target_type', length: 8 })
  targetType!: OrderTarget;

  @Column('varchar', { name: 'bank_code', length: 20, nullable: true })
  bankCode!: string | null;

  @Column('varchar', { name: 'account_number', length: 40, nullable: true })
  accountNumber!: string | null;

  /** PERSON / ENTITY: blind index of the resident ID or USCC (the accounts' holder_key). */
  @Column('varchar', { name: 'holder_key', length: 64, nullable: true })
  holderKey!: string | null;

  @Column('varchar', { name: 'holder_masked', length: 40, nullable: true })
  holderMasked!: string | null;

  /** ACCOUNT: the institution holding the account when the order was made (tenant reads). */
  @Column('uuid', { name: 'account_institution_id', nullable: true })
  accountInstitutionId!: string | null;

  @Column('varchar', { length: 24 })
  level!: RestrictionMeasure;

  /** LIMITED_NON_COUNTER only: the order's own daily caps (null: the default caps). */
  @Column('bigint', { name: 'daily_amount_fen', nullable: true, transformer: bigintNumber })
  dailyAmountFen!: number | null;

  @Column('integer', { name: 'daily_count', nullable: true })
  dailyCount!: number | null;

  @Column('varchar', { name: 'basis_type', length: 24 })
  basisType!: BasisType;

  /** Alert id, case id, list entry id, police document number or punishment decision number. */
  @Column('varchar', { name: 'basis_ref', length: 200 })
  basisRef!: string;

  /** JOINT_PUNISHMENT: CONVICTED or CARD_SELLER. */
  @Column('varchar', { name: 'basis_kind', length: 16, nullable: true })
  basisKind!: string | null;

  @Column('varchar', { name: 'basis_note', length: 1000, nullable: true })
  basisNote!: string | null;

  @Column('uuid', { name: 'issuer_institution_id' })
  issuerInstitutionId!: string;

  @Column('varchar', { name: 'issued_by_type', length: 8 })
  issuedByType!: ActorType;

  @Column('varchar', { name: 'issued_by_id', length: 100 })
  issuedById!: string;

  @Column('varchar', { name: 'issued_by_name', length: 100, nullable: true })
  issuedByName!: string | null;

  /** Automatic orders: the policy and the event that made them. */
  @Column('varchar', { name: 'policy_id', length: 100, nullable: true })
  policyId!: string | null;

  @Column('varchar', { name: 'policy_event_id', length: 200, nullable: true })
  policyEventId!: string | null;

  /** A protective order made by a policy that a person must still review. */
  @Column('boolean')
  provisional!: boolean;

  @Column('timestamptz', { name: 'effective_from' })
  effectiveFrom!: Date;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt!: Date | null;

  @Column('varchar', { name: 'term_source', length: 20 })
  termSource!: TermSource;

  @Column('varchar', { length: 20 })
  status!: OrderStatus;

  @Column('boolean', { name: 'requires_approval' })
  requiresApproval!: boolean;

  @Column('varchar', { name: 'approved_by_id', length: 100, nullable: true })
  approvedById!: string | null;

  @Column('timestamptz', { name: 'approved_at', nullable: true })
  approvedAt!: Date | null;

  @Column('uuid', { name: 'supersedes_order_id', nullable: true })
  supersedesOrderId!: string | null;

  @Column('uuid', { name: 'superseded_by_order_id', nullable: true })
  supersededByOrderId!: string | null;

  @Column('uuid', { name: 'bulk_job_id', nullable: true })
  bulkJobId!: string | null;

  /** Makes automatic and bulk orders idempotent (policy + event + target, job + person). */
  @Column('varchar', { name: 'dedup_key', length: 200, nullable: true })
  dedupKey!: string | null;

  @Column('integer')
  version!: number;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
