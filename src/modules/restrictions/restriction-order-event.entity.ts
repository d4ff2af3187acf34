import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OrderStatus } from '../../domain/restrictions/index.js';
import type { ActorType } from './restriction-order.entity.js';

export const ORDER_EVENT_TYPES = ['CREATED', 'APPROVED', 'REJECTED', 'LIFTED', 'EXPIRED', 'SUPERSEDED'] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

/** The append-only history of an order: one row per thing that happened to it. */
@Entity('restriction_order_events')
@Index('ux_restriction_order_events_order_seq', ['orderId', 'seq'], { unique: true })
export class RestrictionOrderEventEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('integer')
  seq!: number;

  @Column('varchar', { length: 16 })
  type!: OrderEventType;

  @Column('varchar', { name: 'status_after', length: 20 })
  statusAfter!: OrderStatus;

  @Column('varchar', { name: 'actor_type', length: 8 })
  actorType!: ActorType;

  @Column('varchar', { name: 'actor_id', length: 100 })
  actorId!: string;

  @Column('uuid', { name: 'actor_institution_id', nullable: true })
  actorInstitutionId!: string | null;

  @Column('varchar', { length: 2000, nullable: true })
  reason!: string | null;

  @Column('jsonb')
  details!: Record<string, unknown>;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;
}
