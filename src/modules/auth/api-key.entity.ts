import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Index('ix_api_keys_institution')
  @Column('uuid', { name: 'institution_id' })
  institutionId!: string;

  @Column('varchar', { length: 100 })
  name!: string;

  /** The public part of the key, used to find the row; the secret part is only hashed. */
  @Index('ux_api_keys_prefix', { unique: true })
  @Column('varchar', { length: 8 })
  prefix!: string;

  @Column('varchar', { name: 'secret_hash', length: 64 })
  secretHash!: string;

  @Column('varchar', { length: 64, array: true })
  scopes!: string[];

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}
