import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RestrictionPolicy } from '../../domain/restrictions/index.js';

/** Every version of the policy list an ADMIN saved; the highest version is in force. */
@Entity('restriction_policy_sets')
export class RestrictionPolicySetEntity {
  @PrimaryColumn('integer')
  version!: number;

  @Column('jsonb')
  policies!: RestrictionPolicy[];

  @Column('varchar', { name: 'created_by', length: 100 })
  createdBy!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
