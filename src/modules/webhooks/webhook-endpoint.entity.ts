import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Where an institution wants to hear about changes, and the secret its receiver checks. */
@Entity('webhook_endpoints')
@Index('ix_webhook_endpoints_institution', ['institutionId'])
export class WebhookEndpointEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId!: string;

  @Column('varchar', { length: 2000 })
  url!: string;

  /** The signing secret, sealed (see SecretBox); shown to the caller once, at creation. */
  @Column('varchar', { name: 'secret_sealed', length: 500 })
  secretSealed!: string;

  /** Event types delivered; empty means all. */
  @Column('jsonb', { name: 'event_types' })
  eventTypes!: string[];

  @Column('varchar', { length: 200, nullable: true })
  description!: string | null;

  @Column('boolean')
  active!: boolean;

  @Column('varchar', { name: 'created_by', length: 100 })
  createdBy!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
