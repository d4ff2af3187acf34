import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const REVIEW_ITEM_KINDS = ['SCREENING_REVIEW', 'SECOND_VERIFICATION_CHANGED', 'RESCREEN_HIT'] as const;
export type ReviewItemKind = (typeof REVIEW_ITEM_KINDS)[number];

export const REVIEW_SUBJECT_TYPES = ['PERSON', 'ENTITY', 'ACCOUNT'] as const;
export type ReviewSubjectType = (typeof REVIEW_SUBJECT_TYPES)[number];

export const REVIEW_ITEM_STATUSES = ['OPEN', 'CLOSED'] as const;
export type ReviewItemStatus = (typeof REVIEW_ITEM_STATUSES)[number];

export const REVIEW_ITEM_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type ReviewItemSeverity = (typeof REVIEW_ITEM_SEVERITIES)[number];

/**
 * Something compliance staff must look at: a screening that ended in REVIEW, a second
 * verification whose outcome changed, an existing account hit by a rescreen. The case workflow
 * (queue, assignment, decisions) builds on these rows; here they are created and listed.
 * The dedup key makes repeated detections of the same thing one item.
 */
@Entity('review_items')
@Index('ix_review_items_institution_created', ['institutionId', 'createdAt'])
@Index('ix_review_items_created', ['createdAt'])
@Index('ix_review_items_subject', ['subjectKey'])
@Index('ix_review_items_pending', ['createdAt'], { where: 'handed_off_at IS NULL' })
export class ReviewItemEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** The institution whose applicant or account it concerns. */
  @Column('uuid', { name: 'institution_id' })
  institutionId!: string;

  @Column('varchar', { length: 32 })
  kind!: ReviewItemKind;

  @Column('varchar', { length: 16 })
  status!: ReviewItemStatus;

  @Column('varchar', { length: 16 })
  severity!: ReviewItemSeverity;

  @Column('varchar', { length: 300 })
  title!: string;

  @Column('uuid', { name: 'screening_id', nullable: true })
  screeningId!: string | null;

  @Column('varchar', { name: 'bank_code', length: 20, nullable: true })
  bankCode!: string | null;

  @Column('varchar', { name: 'account_number', length: 40, nullable: true })
  accountNumber!: string | null;

  /** PERSON, ENTITY or ACCOUNT: what a case about this item is about. */
  @Column('varchar', { name: 'subject_type', length: 8 })
  subjectType!: ReviewSubjectType;

  /**
   * PERSON / ENTITY: blind index of the ID number or USCC (as bank_accounts.holder_key);
   * ACCOUNT: `${bankCode}:${accountNumber}`.
   */
  @Column('varchar', { name: 'subject_key', length: 80 })
  subjectKey!: string;

  /** The applicant's or holder's identifier, masked. */
  @Column('varchar', { name: 'subject_masked', length: 80, nullable: true })
  subjectMasked!: string | null;

  @Column('varchar', { name: 'subject_name', length: 200, nullable: true })
  subjectName!: string | null;

  /** Screening rule codes (or match kinds) behind the item. */
  @Column('varchar', { name: 'finding_codes', length: 64, array: true })
  findingCodes!: string[];

  /** What produced the item (a rescreen job, a second verification), for tracing. */
  @Column('varchar', { name: 'source_ref', length: 80, nullable: true })
  sourceRef!: string | null;

  @Column('jsonb')
  details!: Record<string, unknown>;

  @Index('ux_review_items_dedup', { unique: true })
  @Column('varchar', { name: 'dedup_key', length: 200 })
  dedupKey!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  /**
   * When the item was handed to compliance cases; null while pending. Items written in bulk (a
   * rescreen) or inside a hot path (screening) are handed over after their transaction, and a
   * worker hands over whatever a crash left pending, so every item reaches a case at least once.
   */
  @Column('timestamptz', { name: 'handed_off_at', nullable: true })
  handedOffAt!: Date | null;
}
