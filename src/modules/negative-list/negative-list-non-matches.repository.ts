import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource } from 'typeorm';
import { isUuid } from '../../common/http/uuid.js';
import { NegativeListNonMatchEntity } from './negative-list-non-match.entity.js';

@Injectable()
export class NegativeListNonMatchesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private repo() {
    return this.ds.getRepository(NegativeListNonMatchEntity);
  }

  insert(row: NegativeListNonMatchEntity): Promise<NegativeListNonMatchEntity> {
    return this.repo().save(this.repo().create(row));
  }

  findById(id: string): Promise<NegativeListNonMatchEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.repo().findOneBy({ id });
  }

  /** Marks not revoked and not ended at `now`, for the in-memory suppression table. */
  async active(now: Date): Promise<NegativeListNonMatchEntity[]> {
    return this.repo()
      .createQueryBuilder('m')
      .where('m.revoked_at IS NULL AND (m.ends_at IS NULL OR m.ends_at > :now)', { now })
      .getMany();
  }

  list(q: { institutionId?: string; entryId?: string; includeRevoked: boolean; limit: number }): Promise<NegativeListNonMatchEntity[]> {
    return this.repo().find({
      where: { ...(q.institutionId ? { institutionId: q.institutionId } : {}), ...(q.entryId ? { entryId: q.entryId } : {}), ...(q.includeRevoked ? {} : { revokedAt: IsNull() }) },
      order: { createdAt: 'DESC' },
      take: q.limit,
    });
  }

  async revoke(id: string, by: string, reason: string, at: Date): Promise<boolean> {
    const result: [unknown[], number] = await this.ds.query(
      `UPDATE negative_list_non_matches SET revoked_at = $2, revoked_by = $3, revoke_reason = $4 WHERE id = $1 AND revoked_at IS NULL`,
      [id, at, by, reason],
    );
    return result[1] > 0;
  }
}
