import { Column, Entity, Generated, Index, PrimaryColumn } from 'typeorm';
import type { AlertSeverity, DetectorName } from '../../domain/detection/finding.js';

/**
 * One alert per dedup key: a pattern that keeps firing (the 11th, 12th ... sender of a
 * collection account) updates its alert (evidence, aggregates, severity, fire count) instead of
 * adding rows. `seq` orders the list for cursor pagination and never changes after creation.
 * `institution_ids` are the institutions that hold a subject account (see alert-ownership.ts);
 * `version` grows on every update and `dispatched_version` says how far publishing and hand-offs
 * (risk.alerts, compliance cases, restriction policies) have caught up: the outbox.
 */
@Entity('alerts')
@Index('ux_alerts_dedup_key', ['dedupKey'], { unique: true })
@Index('ix_alerts_seq', ['seq'])
@Index('ix_alerts_institution_ids', { synchronize: false })
@Index('ix_alerts_subject_accounts', { synchronize: false })
@Index('ix_alerts_undispatched', { synchronize: false })
export class AlertEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('bigint', { name: 'seq' })
  @Generated('increment')
  seq!: string;

  @Column('varchar', { name: 'dedup_key', length: 300 })
  dedupKey!: string;

  @Column('varchar', { length: 32 })
  detector!: DetectorName;

  @Column('varchar', { length: 8 })
  severity!: AlertSeverity;

  /** Account keys `${bankCode}:${accountNumber}`; the first is the main subject. */
  @Column('varchar', { name: 'subject_accounts', length: 64, array: true })
  subjectAccounts!: string[];

  /** Holder institution of each subject account (null when unknown), by account key. */
  @Column('jsonb', { name: 'subject_owners' })
  subjectOwners!: Record<string, string | null>;

  @Column('uuid', { name: 'institution_ids', array: true, default: () => "'{}'" })
  institutionIds!: string[];

  /** Evidence: ids of the events that made the pattern (newest kept). */
  @Column('jsonb', { name: 'event_ids' })
  eventIds!: string[];

  /** The figures that fired, amounts in fen, durations in ms. */
  @Column('jsonb')
  aggregates!: Record<string, number | string>;

  /** Event time of the first and the latest firing. */
  @Column('timestamptz', { name: 'first_detected_at' })
  firstDetectedAt!: Date;

  @Column('timestamptz', { name: 'last_detected_at' })
  lastDetectedAt!: Date;

  @Column('integer', { name: 'fire_count' })
  fireCount!: number;

  @Column('integer')
  version!: number;

  /** Highest severity the alert has had; hand-offs run again only when it rises. */
  @Column('varchar', { name: 'handed_off_severity', length: 8, nullable: true })
  handedOffSeverity!: AlertSeverity | null;

  @Column('integer', { name: 'dispatched_version', default: 0 })
  dispatchedVersion!: number;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
