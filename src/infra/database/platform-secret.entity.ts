import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Secrets generated at first start when the environment does not provide them. */
@Entity('platform_secrets')
export class PlatformSecretEntity {
  @PrimaryColumn('varchar', { length: 64 })
  name!: string;

  @Column('text')
  value!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
