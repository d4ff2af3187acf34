import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const CASE_EVENT_KINDS = [
  'OPENED',
  'ITEM_ATTACHED',
  'NOTE',
  'ASSIGNED',
  'CLAIMED',
  'RELEASED',
  'DECISION_PROPOSED',
  'DECISION_APPROVED',
  'DECISION_REJECTED',
  'DECISION_APPLIED',
  'DECISION_FAILED',
  'RESTRICTION_CREATED',
  'LIST_ENTRY_CREATED',
  'PACKAGE_CREATED',
  'SUPPRESSION_CREATED',
  'CLOSED',
  'REOPENED',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

/**
 * The case timeline: append-only, numbered per case under the case's row lock, so the order in
 * which things happened is the order shown, with who and when.
 */
@Entity('case_events')
@Index('ux_case_events_seq', ['caseId', 'seq'], { unique: true })
export class CaseEventEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @Column('integer')
  seq!: number;

  @Column('timestamptz')
  at!: Date;

  @Column('varchar', { length: 32 })
  kind!: CaseEventKind;

  @Column('varchar', { name: 'actor_type', length: 16 })
  actorType!: string;

  @Column('varchar', { name: 'actor_id', length: 100 })
  actorId!: string;

  @Column('varchar', { name: 'actor_name', length: 100, nullable: true })
  actorName!: string | null;

  @Column('jsonb', { default: () => "'{}'" })
  details!: Record<string, unknown>;
}
