import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export const INSTITUTION_KINDS = ['BANK', 'OPERATOR', 'REGULATOR', 'POLICE'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

@Entity('institutions')
export class InstitutionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Index('ux_institutions_code', { unique: true })
  @Column('varchar', { length: 32 })
  code!: string;

  @Column('varchar', { length: 200 })
  name!: string;

  @Column('varchar', { length: 16 })
  kind!: InstitutionKind;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
