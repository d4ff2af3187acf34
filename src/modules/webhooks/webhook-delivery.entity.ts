import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One event for one endpoint: written in the same transaction as the change it reports (an
 * outbox), then sent and retried with backoff until delivered or out of attempts.
 */
@Entity('webhook_deliveries')
@Index('ix_webhook_deliveries_due', ['status', 'nextAttemptAt'])
@Index('ix_webhook_deliveries_institution_created', ['institutionId', 'createdAt'])
@Index('ux_webhook_deliveries_endpoint_event', ['endpointId', 'eventId'], { unique: true })
export class WebhookDeliveryEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'endpoint_id' })
  endpointId!: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId!: string;

  @Column('varchar', { name: 'event_type', length: 100 })
  eventType!: string;

  /** The event's own id: the same event is delivered once per endpoint. */
  @Column('varchar', { name: 'event_id', length: 100 })
  eventId!: string;

  @Column('jsonb')
  payload!: Record<string, unknown>;

  @Column('varchar', { length: 12 })
  status!: DeliveryStatus;

  @Column('integer')
  attempts!: number;

  /** When the next attempt is due (also a lease while an attempt runs); null once final. */
  @Column('timestamptz', { name: 'next_attempt_at', nullable: true })
  nextAttemptAt!: Date | null;

  @Column('integer', { name: 'last_status_code', nullable: true })
  lastStatusCode!: number | null;

  @Column('varchar', { name: 'last_error', length: 500, nullable: true })
  lastError!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'delivered_at', nullable: true })
  deliveredAt!: Date | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
