import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Every attempt at a delivery, for the delivery log. Appended, never changed. */
@Entity('webhook_attempts')
@Index('ux_webhook_attempts_delivery_attempt', ['deliveryId', 'attempt'], { unique: true })
export class WebhookAttemptEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'delivery_id' })
  deliveryId!: string;

  @Column('integer')
  attempt!: number;

  @Column('timestamptz', { name: 'attempted_at' })
  attemptedAt!: Date;

  @Column('integer', { name: 'status_code', nullable: true })
  statusCode!: number | null;

  @Column('varchar', { length: 500, nullable: true })
  error!: string | null;

  @Column('integer', { name: 'duration_ms' })
  durationMs!: number;
}
