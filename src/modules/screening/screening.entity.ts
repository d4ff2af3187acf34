import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const SCREENING_PURPOSES = ['ACCOUNT_OPENING', 'SECOND_VERIFICATION'] as const;
export type ScreeningPurpose = (typeof SCREENING_PURPOSES)[number];

/**
 * One screening as it was decided: who asked, the applicant (identifiers only as blind indexes
 * and masked forms), the facts gathered, the findings and the rule-set version. Facts are kept
 * whole so any decision can be explained, replayed and backtested without the live sources.
 * Applications (purpose ACCOUNT_OPENING) also feed the velocity and card-farming counts.
 *
 * The documents (applicant, context, facts, reasons) are json, not jsonb: written on every
 * screening, read whole and never queried inside, so PostgreSQL keeps the text as sent instead of
 * converting it on every insert.
 */
@Entity('screenings')
@Index('ux_screenings_request', ['institutionId', 'requestId'], { unique: true })
@Index('ix_screenings_institution_at', ['institutionId', 'screenedAt'])
@Index('ix_screenings_at', ['screenedAt'])
@Index('ix_screenings_holder', ['holderKey', 'screenedAt'])
// Only rows that carry the identifier are indexed: the counts ask for one value, never NULL, and
// most applicants give no device or address (no index entry to write for them).
@Index('ix_screenings_phone', ['phoneKey', 'screenedAt'], { where: 'phone_key IS NOT NULL' })
@Index('ix_screenings_device', ['deviceKey', 'screenedAt'], { where: 'device_key IS NOT NULL' })
@Index('ix_screenings_address', ['addressKey', 'screenedAt'], { where: 'address_key IS NOT NULL' })
export class ScreeningEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId!: string;

  /** The caller's id for the request; a repeat returns this screening. */
  @Column('varchar', { name: 'request_id', length: 100 })
  requestId!: string;

  @Column('varchar', { length: 24 })
  purpose!: ScreeningPurpose;

  /** 'USER:<id>', 'API_KEY:<id>' or 'SYSTEM'. */
  @Column('varchar', { name: 'requested_by', length: 80 })
  requestedBy!: string;

  @Column('varchar', { name: 'branch_code', length: 20, nullable: true })
  branchCode!: string | null;

  @Column('varchar', { length: 8 })
  channel!: string;

  @Column('varchar', { name: 'applicant_type', length: 8 })
  applicantType!: 'PERSON' | 'ENTITY';

  /** Blind index of the ID number (or document) or USCC. */
  @Column('varchar', { name: 'holder_key', length: 64 })
  holderKey!: string;

  @Column('varchar', { name: 'phone_key', length: 64, nullable: true })
  phoneKey!: string | null;

  @Column('varchar', { name: 'device_key', length: 64, nullable: true })
  deviceKey!: string | null;

  @Column('varchar', { name: 'address_key', length: 64, nullable: true })
  addressKey!: string | null;

  /** The applicant as stored: masked identifiers, name, derived attributes, blind indexes. */
  @Column('json')
  applicant!: Record<string, unknown>;

  /** Branch, channel and requested class as given. */
  @Column('json')
  context!: Record<string, unknown>;

  @Column('json')
  facts!: Record<string, unknown>;

  @Column('varchar', { length: 8 })
  decision!: 'PASS' | 'REVIEW' | 'REJECT';

  @Column('smallint')
  score!: number;

  @Column('varchar', { name: 'recommended_account_class', length: 3, nullable: true })
  recommendedAccountClass!: string | null;

  @Column('json')
  reasons!: unknown[];

  @Column('varchar', { name: 'rule_set_version', length: 64 })
  ruleSetVersion!: string;

  @Column('timestamptz', { name: 'screened_at' })
  screenedAt!: Date;
}
