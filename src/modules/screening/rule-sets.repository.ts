import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RuleSetEntity } from './rule-set.entity.js';

@Injectable()
export class RuleSetsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  findByVersion(version: string): Promise<RuleSetEntity | null> {
    return this.ds.getRepository(RuleSetEntity).findOneBy({ version });
  }

  /** The most recently activated version. */
  async findActive(): Promise<RuleSetEntity | null> {
    const rows = await this.ds
      .getRepository(RuleSetEntity)
      .createQueryBuilder('r')
      .where('r.activation_no IS NOT NULL')
      .orderBy('r.activation_no', 'DESC')
      .limit(1)
      .getMany();
    return rows[0] ?? null;
  }

  list(): Promise<RuleSetEntity[]> {
    return this.ds.getRepository(RuleSetEntity).find({ order: { publishedAt: 'DESC', version: 'DESC' } });
  }

  /** Inserts a version; false when the version exists already (versions are immutable). */
  async insert(row: Omit<RuleSetEntity, 'activatedAt' | 'activationNo'>): Promise<boolean> {
    const result: unknown[] = await this.ds.query(
      `INSERT INTO screening_rule_sets (version, definition, published_by, published_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT (version) DO NOTHING RETURNING version`,
      [row.version, JSON.stringify(row.definition), row.publishedBy, row.publishedAt],
    );
    return result.length > 0;
  }

  async activate(version: string, at: Date): Promise<boolean> {
    const result: Array<{ version: string }> = await this.ds.query(
      // As a CTE: TypeORM answers a bare UPDATE ... RETURNING with [rows, count], a SELECT with rows.
      `WITH u AS (UPDATE screening_rule_sets SET activated_at = $2,
              activation_no = (SELECT COALESCE(MAX(activation_no), 0) + 1 FROM screening_rule_sets)
        WHERE version = $1 RETURNING version) SELECT version FROM u`,
      [version, at],
    );
    return result.length > 0;
  }
}
