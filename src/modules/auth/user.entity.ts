import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from './roles.js';

@Entity('users')
export class UserEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Index('ix_users_institution')
  @Column('uuid', { name: 'institution_id' })
  institutionId!: string;

  @Index('ux_users_username', { unique: true })
  @Column('varchar', { length: 64 })
  username!: string;

  @Column('varchar', { name: 'display_name', length: 200, nullable: true })
  displayName!: string | null;

  @Column('text', { name: 'password_hash' })
  passwordHash!: string;

  @Column('varchar', { length: 16, array: true })
  roles!: Role[];

  @Column('boolean', { default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'last_login_at', nullable: true })
  lastLoginAt!: Date | null;
}
