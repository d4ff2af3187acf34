import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { RestrictionPolicy } from '../../domain/restrictions/index.js';
import { RestrictionPolicySetEntity } from './restriction-policy-set.entity.js';

@Injectable()
export class RestrictionPoliciesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  current(): Promise<RestrictionPolicySetEntity | null> {
    return this.ds.getRepository(RestrictionPolicySetEntity).findOne({ where: {}, order: { version: 'DESC' } });
  }

  /** Saves a new version; two concurrent saves cannot take the same number (primary key). */
  async append(policies: RestrictionPolicy[], createdBy: string, createdAt: Date): Promise<RestrictionPolicySetEntity> {
    return this.ds.transaction(async (em) => {
      const rows: Array<{ v: number | null }> = await em.query('SELECT max(version) AS v FROM restriction_policy_sets');
      const row: RestrictionPolicySetEntity = { version: (rows[0]?.v ?? 0) + 1, policies, createdBy, createdAt };
      await em.getRepository(RestrictionPolicySetEntity).insert(row);
      return row;
    });
  }

  history(limit: number): Promise<RestrictionPolicySetEntity[]> {
    return this.ds.getRepository(RestrictionPolicySetEntity).find({ order: { version: 'DESC' }, take: limit });
  }
}
