import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A published screening rule set. Versions are immutable once stored; the active one is the
 * most recently activated. Stored screenings name the version they ran under.
 */
@Entity('screening_rule_sets')
@Index('ix_screening_rule_sets_activation', ['activationNo'])
export class RuleSetEntity {
  @PrimaryColumn('varchar', { length: 64 })
  version!: string;

  /** The complete, validated rule set (defaults filled in), as returned by validateRuleSet. */
  @Column('jsonb')
  definition!: Record<string, unknown>;

  @Column('varchar', { name: 'published_by', length: 80 })
  publishedBy!: string;

  @Column('timestamptz', { name: 'published_at' })
  publishedAt!: Date;

  @Column('timestamptz', { name: 'activated_at', nullable: true })
  activatedAt!: Date | null;

  /** Increases with every activation; the highest is the active version (clock ties cannot mislead). */
  @Column('integer', { name: 'activation_no', nullable: true })
  activationNo!: number | null;
}
